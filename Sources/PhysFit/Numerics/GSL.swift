import CGSL

/// Process-wide GSL set-up.
enum GSL {
  /// GSL's default error handler aborts the process; PhysFit reads return codes
  /// instead. Touch this before the first GSL call (it runs once, thread-safely).
  static let errorHandlerOff: Bool = {
    gsl_set_error_handler_off()
    return true
  }()

  /// `GSL_SUCCESS`, `GSL_CONTINUE`, ... import as `Int`; GSL functions return `Int32`.
  static let success = Int32(GSL_SUCCESS)
  static let `continue` = Int32(GSL_CONTINUE)
  static let noProgress = Int32(GSL_ENOPROG)

  /// GSL's message for an error code.
  static func message(_ status: Int32) -> String {
    String(cString: gsl_strerror(status))
  }
}
