#ifndef PHYSFIT_CGSL_SHIM_H
#define PHYSFIT_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_multifit_nlinear.h>

// GSL's algorithm descriptors are mutable globals, which Swift 6 strict concurrency
// rejects; these accessors hand them out as plain function results.
static inline const gsl_multifit_nlinear_type *physfit_nlinear_trust(void) {
  return gsl_multifit_nlinear_trust;
}
static inline const gsl_multifit_nlinear_trs *physfit_trs_lm(void) { return gsl_multifit_nlinear_trs_lm; }
static inline const gsl_multifit_nlinear_trs *physfit_trs_lmaccel(void) { return gsl_multifit_nlinear_trs_lmaccel; }
static inline const gsl_multifit_nlinear_trs *physfit_trs_dogleg(void) { return gsl_multifit_nlinear_trs_dogleg; }
static inline const gsl_multifit_nlinear_trs *physfit_trs_ddogleg(void) { return gsl_multifit_nlinear_trs_ddogleg; }
static inline const gsl_multifit_nlinear_trs *physfit_trs_subspace2D(void) { return gsl_multifit_nlinear_trs_subspace2D; }
static inline const gsl_multifit_nlinear_scale *physfit_scale_more(void) { return gsl_multifit_nlinear_scale_more; }
static inline const gsl_multifit_nlinear_scale *physfit_scale_levenberg(void) { return gsl_multifit_nlinear_scale_levenberg; }
static inline const gsl_multifit_nlinear_scale *physfit_scale_marquardt(void) { return gsl_multifit_nlinear_scale_marquardt; }
static inline const gsl_multifit_nlinear_solver *physfit_solver_qr(void) { return gsl_multifit_nlinear_solver_qr; }
static inline const gsl_multifit_nlinear_solver *physfit_solver_cholesky(void) { return gsl_multifit_nlinear_solver_cholesky; }
static inline const gsl_multifit_nlinear_solver *physfit_solver_svd(void) { return gsl_multifit_nlinear_solver_svd; }

static inline const gsl_multimin_fminimizer_type *physfit_fmin_nmsimplex2(void) { return gsl_multimin_fminimizer_nmsimplex2; }
static inline const gsl_multimin_fdfminimizer_type *physfit_fdfmin_bfgs2(void) { return gsl_multimin_fdfminimizer_vector_bfgs2; }
static inline const gsl_multimin_fdfminimizer_type *physfit_fdfmin_cg_fr(void) { return gsl_multimin_fdfminimizer_conjugate_fr; }
static inline const gsl_multimin_fdfminimizer_type *physfit_fdfmin_cg_pr(void) { return gsl_multimin_fdfminimizer_conjugate_pr; }
static inline const gsl_multimin_fdfminimizer_type *physfit_fdfmin_steepest(void) { return gsl_multimin_fdfminimizer_steepest_descent; }

// The corner values of GSL's Nelder–Mead simplex, for a value-spread stopping test.
// GSL keeps them in the minimizer's private state, whose first two members are
// `gsl_matrix *x1; gsl_vector *y1;` (corners, values) in nmsimplex and nmsimplex2
// of every GSL release since 1.9 (checked against 2.7's nmsimplex2.c). Only valid for
// an nmsimplex/nmsimplex2 minimizer.
typedef struct {
  gsl_matrix *corners;
  gsl_vector *values;
} physfit_nmsimplex_state_head;
static inline const gsl_vector *physfit_nmsimplex_values(const gsl_multimin_fminimizer *s) {
  return ((const physfit_nmsimplex_state_head *)s->state)->values;
}

static inline const gsl_rng_type *physfit_rng_mt19937(void) { return gsl_rng_mt19937; }

#endif
