/* wm-synth-rng.h — the generator's seeded random numbers
 *
 * xoshiro256** (Blackman & Vigna, 2018, public domain reference algorithm),
 * seeded through splitmix64: fast, 2^256 − 1 period, and the same stream on
 * every platform, so a seed gives byte-identical output. Each section and
 * each year derives its own stream from (seed, purpose, index), so the
 * result does not depend on the order work is done in.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <math.h>

typedef struct {
  guint64 s[4];
} WmRng;

static inline guint64
wm_rng_splitmix (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline void
wm_rng_seed (WmRng   *rng,
             guint64  seed,
             guint64  purpose,
             guint64  index)
{
  guint64 x = seed ^ (purpose * G_GUINT64_CONSTANT (0x2545f4914f6cdd1d)) ^ (index << 1);

  for (int i = 0; i < 4; i++)
    rng->s[i] = wm_rng_splitmix (&x);
}

static inline guint64
wm_rng_rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
wm_rng_next (WmRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = wm_rng_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = wm_rng_rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1). */
static inline double
wm_rng_double (WmRng *rng)
{
  return (wm_rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n). */
static inline guint32
wm_rng_below (WmRng *rng, guint32 n)
{
  return n == 0 ? 0 : (guint32) (((wm_rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static inline gboolean
wm_rng_chance (WmRng *rng, double p)
{
  return wm_rng_double (rng) < p;
}

static inline int
wm_rng_range (WmRng *rng, int lo, int hi)
{
  return lo + (int) wm_rng_below (rng, (guint32) (hi - lo + 1));
}

static inline double
wm_rng_normal (WmRng *rng)
{
  double u = wm_rng_double (rng), v = wm_rng_double (rng);

  return sqrt (-2.0 * log (u + 1e-300)) * cos (2 * G_PI * v);
}

/* Index drawn with weight 1/(rank+1) among n (Zipf, s = 1). */
static inline guint32
wm_rng_zipf (WmRng *rng, guint32 n)
{
  /* Inverse of the continuous approximation H(x) ≈ ln(x + 1). */
  double u = wm_rng_double (rng) * log (n + 1.0);
  guint32 i = (guint32) (exp (u) - 1.0);

  return MIN (i, n - 1);
}

/* MIN/MAX evaluate an argument twice: never hand them a random draw. */
static inline int wm_imin (int a, int b) { return a < b ? a : b; }
static inline guint32 wm_umin (guint32 a, guint32 b) { return a < b ? a : b; }
static inline guint32 wm_umax (guint32 a, guint32 b) { return a > b ? a : b; }
