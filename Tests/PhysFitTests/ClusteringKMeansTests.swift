import Foundation
import XCTest

@testable import PhysFit

/// k-means (Lloyd with k-means++ starts) on generated blobs.
final class ClusteringKMeansTests: XCTestCase {
  /// Four round blobs 10σ apart, 150 points each.
  static let truth: [MixtureComponent] = [[0.0, 0.0], [10, 0], [0, 10], [10, 10]].map {
    MixtureComponent(weight: 0.25, mean: $0, covariance: ClusteringSamples.covariance(1, 1, 0))
  }
  static let blobs = ClusteringSamples.draw(truth, n: 600, seed: 21)

  /// Well-separated blobs: every point lands with its own blob (labels up to a
  /// permutation), each centre is its blob's sample mean, and the inertia is the
  /// within-blob sum of squares.
  func testRecoversCentresOfSeparatedBlobs() throws {
    let data = Self.blobs.points
    let result = try KMeans(clusterCount: 4, configuration: .init(seed: 3)).cluster(data)
    XCTAssertTrue(result.converged, "\(result.reason)")
    let centers = (0..<4).map { [result.centers[$0, 0], result.centers[$0, 1]] }
    let p = ClusteringSamples.matching(centers, Self.truth.map(\.mean))
    XCTAssertEqual(Set(p).count, 4)
    for (a, label) in zip(result.assignments, Self.blobs.labels) { XCTAssertEqual(p[a], label) }
    var inertia = 0.0
    for k in 0..<4 {
      let members = Self.blobs.labels.indices.filter { Self.blobs.labels[$0] == p[k] }
      XCTAssertEqual(result.clusterSizes[k], members.count)
      for j in 0..<2 {
        let mean = members.reduce(0) { $0 + data[$1, j] } / Double(members.count)
        XCTAssertEqual(result.centers[k, j], mean, accuracy: 1e-12)
        // Within 4 standard errors σ/√nₖ of the true centre.
        XCTAssertEqual(
          mean, Self.truth[p[k]].mean[j], accuracy: 4 / Double(members.count).squareRoot())
        inertia += members.reduce(0) { $0 + pow(data[$1, j] - mean, 2) }
      }
    }
    XCTAssertEqual(result.inertia, inertia, accuracy: 1e-9 * inertia)
    XCTAssertEqual(result.inertia, result.restartInertias.min()!, accuracy: 1e-12 * inertia)
    XCTAssertEqual(result.restartInertias.count, 10)
    // Centres come sorted by their coordinates.
    for k in 1..<4 {
      XCTAssertTrue(
        result.centers[k - 1, 0] < result.centers[k, 0]
          || (abs(result.centers[k - 1, 0] - result.centers[k, 0]) < 1e-12
            && result.centers[k - 1, 1] <= result.centers[k, 1])
      )
    }
  }

  /// A fixed seed reproduces the clustering bit for bit; other seeds find the same
  /// partition of separated blobs.
  func testReproducibleForAFixedSeed() throws {
    let data = Self.blobs.points
    let a = try KMeans(clusterCount: 4, configuration: .init(seed: 8)).cluster(data)
    let b = try KMeans(clusterCount: 4, configuration: .init(seed: 8)).cluster(data)
    XCTAssertEqual(a.assignments, b.assignments)
    XCTAssertEqual(a.centers.elements, b.centers.elements)
    XCTAssertEqual(a.restartInertias, b.restartInertias)
    for seed: UInt64 in [1, 2, 99] {
      let other = try KMeans(clusterCount: 4, configuration: .init(seed: seed)).cluster(data)
      XCTAssertEqual(other.assignments, a.assignments)
      XCTAssertEqual(other.inertia, a.inertia, accuracy: 1e-9 * a.inertia)
    }
  }

  /// One restart from a poor local minimum is beaten by several; the observer hears
  /// a non-increasing inertia within a start; an empty cluster is refilled.
  func testRestartsAndObserver() throws {
    // Two tight pairs of blobs: K = 4 with k-means++ can land two seeds in one blob.
    let data = Self.blobs.points
    var values: [Double] = []
    let single = try KMeans(
      clusterCount: 4, configuration: .init(restarts: 1, seed: 5)
    ).cluster(data) { values.append($0.value) }
    XCTAssertEqual(values.count, single.iterations)
    for i in 1..<values.count { XCTAssertLessThanOrEqual(values[i], values[i - 1] * (1 + 1e-12)) }
    // Duplicated points: fewer distinct points than clusters still gives K non-empty
    // clusters (a refilled cluster takes a point of its own).
    let duplicates = Matrix(columns: [[0, 0, 0, 1, 1, 1], [0, 0, 0, 1, 1, 1]])
    let refilled = try KMeans(clusterCount: 3).cluster(duplicates)
    XCTAssertEqual(refilled.clusterSizes.filter { $0 > 0 }.count, 3)
    XCTAssertEqual(refilled.inertia, 0, accuracy: 1e-12)
  }

  /// k-means as the GMM limit: its clusters as mixture components (weights nₖ/n,
  /// means = centres) are a valid start for a mixture fit.
  func testClustersAsMixtureStart() throws {
    let data = Self.blobs.points
    let result = try KMeans(clusterCount: 4).cluster(data)
    let components = result.mixtureComponents(data)
    XCTAssertEqual(components.map(\.weight).reduce(0, +), 1, accuracy: 1e-12)
    for k in 0..<4 {
      XCTAssertEqual(components[k].weight, Double(result.clusterSizes[k]) / 600, accuracy: 1e-15)
      XCTAssertEqual(components[k].mean[0], result.centers[k, 0], accuracy: 1e-12)
      XCTAssertEqual(components[k].widths[0], 1, accuracy: 0.15)
    }
    let mixture = try GaussianMixture(components: 4, inputs: ["x", "y"])
    XCTAssertNoThrow(try mixture.parameters(for: components))
  }
}
