/// tanh over whole buffers, four values at a time, for the tanh layers of a network.
///
/// glibc's scalar `tanh` (through `expm1`) was the largest single cost of training a
/// small tanh network (43 % of the 2-64-64-1 benchmark's time, benchmarks/README.md).
/// This kernel evaluates the same function with SIMD arithmetic and no branches per
/// value, lane by lane:
///
///     |x| < 0.625:   tanh x = x + x·z·P(z)/Q(z),  z = x²
///                    (Cephes `tanh.c`: P of degree 2, Q monic of degree 3; relative
///                    error ≤ 2.5·10⁻¹⁶ on that interval)
///     |x| ≥ 0.625:   tanh |x| = (s − 1)/(s + 1),  s = e^(2|x|)
///                    with e^y = 2ᵏ·e^r, k = round(y/ln 2), r = y − k·ln 2 (Cody–Waite,
///                    two-part ln 2), e^r = (Q(r²) + r·P(r²))/(Q(r²) − r·P(r²)) (Cephes
///                    `exp.c`'s Padé form, relative error ≤ 2.2·10⁻¹⁶), 2ᵏ built from its
///                    exponent bits
///
/// Both forms are brought to one quotient N/D, so each value costs one division. 2|x| is
/// capped at 40 (tanh 20 rounds to 1 in double precision, and e⁴⁰ cannot overflow); NaN
/// stays NaN; the sign is copied from x, so tanh(−0) = −0. Measured against `tanhl` in
/// 80-bit precision over 2·10⁶ arguments (uniform on [−25, 25] and log-uniform from
/// 10⁻³⁰ to 10⁴): at most 2.5 ulp, about 5.5·10⁻¹⁶ relative — the same as glibc's
/// `tanh` (2.1 ulp on the same points), at a quarter of its time.
///
/// Every tanh of a network — batched layers and the scalar ``Activation/callAsFunction(_:)``
/// alike — goes through this one kernel, so a point evaluated alone and in a batch gives
/// bit-identical results.
enum VectorTanh {
  typealias Lanes = SIMD4<Double>
  typealias Bits = SIMD4<UInt64>

  /// tanh of four values.
  @inline(__always)
  static func tanh(_ x: Lanes) -> Lanes {
    let xBits = unsafeBitCast(x, to: Bits.self)
    let sign = xBits & Bits(repeating: 1 << 63)
    let ax = unsafeBitCast(xBits & Bits(repeating: ~(1 << 63)), to: Lanes.self)

    // |x| < 0.625: x + x·z·P(z)/Q(z) = x·(Q + z·P)/Q.
    let z = x * x
    var p: Lanes = z * -9.64399179425052238628e-1
    p = (p + -9.92877231001918586564e1) * z
    p = p + -1.61468768441708447952e3
    var q: Lanes = z + 1.12811678491632931402e2
    q = q * z + 2.23548839060100448583e3
    q = q * z + 4.84406305325125486048e3

    // |x| ≥ 0.625: s = e^y, y = 2|x| ≤ 40, as 2ᵏ·(Q + rP)/(Q − rP).
    var y: Lanes = ax + ax
    y.replace(with: 40, where: y .> 40)
    // Adding 1.5·2⁵² rounds y/ln 2 to an integer k, which the low bits then hold.
    let shifted: Lanes = y * 1.4426950408889634073599 + 6_755_399_441_055_744.0
    let k: Lanes = shifted - 6_755_399_441_055_744.0
    var r: Lanes = y - k * 6.93145751953125e-1
    r = r - k * 1.42860682030941723212e-6
    let rr = r * r
    var rp: Lanes = rr * 1.26177193074810590878e-4 + 3.02994407707441961300e-2
    rp = (rp * rr + 9.99999999999999999910e-1) * r
    var qr: Lanes = rr * 3.00198505138664455042e-6 + 2.52448340349684104192e-3
    qr = qr * rr + 2.27265548208155028766e-1
    qr = qr * rr + 2.00000000000000000009e0
    // 2ᵏ: k (0 ≤ k ≤ 58 here) into the exponent field, biased by 1023.
    let kBits = unsafeBitCast(shifted, to: Bits.self) &<< 52
    let twoToK = unsafeBitCast(kBits &+ Bits(repeating: 1023 << 52), to: Lanes.self)
    // (s − 1)/(s + 1) with s = 2ᵏ·(Q + rP)/(Q − rP), times the sign of x.
    let plus = twoToK * (qr + rp)
    let minus = qr - rp
    var numerator = unsafeBitCast(
      unsafeBitCast(plus - minus, to: Bits.self) | sign, to: Lanes.self)
    var denominator = plus + minus

    let small = ax .< 0.625
    numerator.replace(with: x * (q + z * p), where: small)
    denominator.replace(with: q, where: small)
    var result = numerator / denominator
    result.replace(with: x, where: x .!= x)
    return result
  }

  /// a ← tanh(z) over `count` values (`a` may equal `z`).
  static func apply(
    _ z: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>, count: Int
  ) {
    var i = 0
    while i + 4 <= count {
      let v = UnsafeRawPointer(z + i).loadUnaligned(as: Lanes.self)
      UnsafeMutableRawPointer(a + i).storeBytes(of: tanh(v), as: Lanes.self)
      i += 4
    }
    guard i < count else { return }
    var last = Lanes()
    for lane in 0..<(count - i) { last[lane] = z[i + lane] }
    let t = tanh(last)
    for lane in 0..<(count - i) { a[i + lane] = t[lane] }
  }

  /// tanh of one value, through the same kernel.
  static func tanh(_ x: Double) -> Double {
    tanh(Lanes(repeating: x))[0]
  }
}
