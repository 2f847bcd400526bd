import ArgumentParser
import PhysFit

/// `--problem NAME[:N]`: a built-in test problem with its known minimum. N is the
/// dimension of the classic functions, the number of atoms of a Lennard-Jones cluster,
/// the number of charges of the Thomson problem.
struct CompareProblemSpec {
  enum Name: String, CaseIterable {
    case rosenbrock
    case rastrigin
    case himmelblau
    case beale
    case ackley
    case styblinskiTang = "styblinski-tang"
    case lennardJones = "lj"
    case thomson

    /// The size when none is given: 2 dimensions, LJ13 (the Mackay icosahedron), and
    /// 12 charges (the icosahedron).
    var defaultSize: Int {
      switch self {
      case .lennardJones: 13
      case .thomson: 12
      default: 2
      }
    }

    /// What N counts.
    var sizeMeaning: String {
      switch self {
      case .lennardJones: "atoms"
      case .thomson: "charges"
      default: "dimensions"
      }
    }
  }

  var name: Name
  var size: Int
  /// The text as given.
  var text: String

  /// One line for `--help`.
  static let help =
    "rosenbrock[:n], rastrigin[:n], ackley[:n], styblinski-tang[:n] (n dimensions, default 2), "
    + "himmelblau, beale (2-D), lj[:N] (Lennard-Jones cluster of N atoms, default 13; alias "
    + "lennard-jones), thomson[:N] (N charges on a sphere, default 12)"

  init(parsing text: String) throws {
    self.text = text
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
      String($0).trimmingWhitespace().lowercased()
    }
    guard parts.count <= 2, !parts[0].isEmpty else {
      throw ValidationError("--problem '\(text)': expected NAME or NAME:N")
    }
    let key = parts[0] == "lennard-jones" ? "lj" : parts[0]
    guard let name = Name(rawValue: key) else {
      throw ValidationError(
        "--problem '\(text)': unknown problem '\(parts[0])' (known: "
          + Name.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    self.name = name
    if parts.count == 2 {
      guard let n = Int(parts[1]), n >= 1 else {
        throw ValidationError("--problem '\(text)': '\(parts[1])' is not a positive whole number")
      }
      if (name == .himmelblau || name == .beale) && n != 2 {
        throw ValidationError(
          "--problem '\(text)': \(name.rawValue) is defined in 2 dimensions only")
      }
      if n > 1000 {
        throw ValidationError("--problem '\(text)': at most 1000 \(name.sizeMeaning)")
      }
      size = n
    } else {
      size = name.defaultSize
    }
  }

  /// The library problem. Throws a usage error for a size the problem is not defined
  /// for (Rosenbrock below 2 dimensions, fewer than 2 atoms or charges).
  func problem() throws -> FunctionComparisonProblem {
    let n = size
    do {
      switch name {
      case .rosenbrock:
        return try FunctionComparisonProblem { try TestFunction.rosenbrock(dimension: n).benchmark }
      case .rastrigin:
        return try FunctionComparisonProblem { try TestFunction.rastrigin(dimension: n) }
      case .himmelblau: return try FunctionComparisonProblem { TestFunction.himmelblau().benchmark }
      case .beale: return try FunctionComparisonProblem { TestFunction.beale().benchmark }
      case .ackley: return try FunctionComparisonProblem { try TestFunction.ackley(dimension: n) }
      case .styblinskiTang:
        return try FunctionComparisonProblem { try TestFunction.styblinskiTang(dimension: n) }
      case .lennardJones: return try FunctionComparisonProblem { try LennardJonesCluster(atoms: n) }
      case .thomson: return try FunctionComparisonProblem { try ThomsonProblem(charges: n) }
      }
    } catch let error as TestFunctionError {
      // In the problem's own unit: atoms, charges or dimensions.
      throw CLIError.usage(
        "--problem '\(text)': \(error.function) needs at least \(error.minimumDimension) "
          + "\(name.sizeMeaning), got \(error.dimension)")
    }
  }
}

/// `--suite NAME`: a named set of problems for performance profiles.
enum CompareSuiteName: String, ExpressibleByArgument, CaseIterable {
  case classic
  case physics

  var suite: ComparisonSuite {
    switch self {
    case .classic: .classic()
    case .physics: .physics()
    }
  }
}
