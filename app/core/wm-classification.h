/* wm-classification.h — the legend model: classes, colours, counts, labels
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib-object.h>

#include "wm-classify.h"
#include "wm-palette.h"

G_BEGIN_DECLS

typedef enum {
  WM_CLASS_SCOPE_ALL_YEARS,
  WM_CLASS_SCOPE_PER_YEAR,
} WmClassScope;

typedef enum {
  WM_AREA_VALUE,
  WM_AREA_NO_DATA,
  WM_AREA_SUPPRESSED,
} WmAreaStatus;

/* How a class is painted, in the map and in the legend alike. */
typedef struct {
  WmRgb fill;
  gboolean hatched;
  WmRgb hatch;
  /* hatch lines: +1 rising "/", −1 falling "\", 2 both */
  int hatch_direction;
} WmSwatch;

#define WM_TYPE_CLASSIFICATION (wm_classification_get_type ())
G_DECLARE_FINAL_TYPE (WmClassification, wm_classification, WM, CLASSIFICATION, GObject)

WmClassification *wm_classification_new              (void);

void          wm_classification_set_values           (WmClassification  *self,
                                                      const double      *values,
                                                      const guint8      *status,
                                                      guint              n_areas,
                                                      const int         *years,
                                                      guint              n_years);
guint         wm_classification_get_n_areas          (WmClassification  *self);
guint         wm_classification_get_n_years          (WmClassification  *self);

void          wm_classification_set_method           (WmClassification  *self,
                                                      WmClassifyMethod   method);
WmClassifyMethod wm_classification_get_method        (WmClassification  *self);
gboolean      wm_classification_set_n_classes        (WmClassification  *self,
                                                      guint              n_classes,
                                                      GError           **error);
guint         wm_classification_get_requested_classes (WmClassification *self);
gboolean      wm_classification_set_manual_breaks    (WmClassification  *self,
                                                      const double      *breaks,
                                                      guint              n_breaks,
                                                      GError           **error);
void          wm_classification_set_scope            (WmClassification  *self,
                                                      WmClassScope       scope);
WmClassScope  wm_classification_get_scope            (WmClassification  *self);
gboolean      wm_classification_set_palette          (WmClassification  *self,
                                                      const char        *name);
const char   *wm_classification_get_palette          (WmClassification  *self);
void          wm_classification_set_reversed         (WmClassification  *self,
                                                      gboolean           reversed);
gboolean      wm_classification_get_reversed         (WmClassification  *self);
void          wm_classification_set_year_index       (WmClassification  *self,
                                                      guint              year_index);
guint         wm_classification_get_year_index       (WmClassification  *self);
int           wm_classification_get_year             (WmClassification  *self);

void          wm_classification_set_title            (WmClassification  *self,
                                                      const char        *title);
const char   *wm_classification_get_title            (WmClassification  *self);
void          wm_classification_set_unit             (WmClassification  *self,
                                                      const char        *unit);
const char   *wm_classification_get_unit             (WmClassification  *self);
void          wm_classification_set_source           (WmClassification  *self,
                                                      const char        *source);
const char   *wm_classification_get_source           (WmClassification  *self);
void          wm_classification_set_suppression_note (WmClassification  *self,
                                                      const char        *note);

guint         wm_classification_get_n_classes        (WmClassification  *self);
const double *wm_classification_get_breaks           (WmClassification  *self);
guint         wm_classification_get_count            (WmClassification  *self,
                                                      guint              class_index);
gboolean      wm_classification_get_swatch           (WmClassification  *self,
                                                      guint              class_index,
                                                      WmSwatch          *swatch);
char         *wm_classification_get_label            (WmClassification  *self,
                                                      guint              class_index);
char         *wm_classification_format_value         (WmClassification  *self,
                                                      double             value);
const char   *wm_classification_get_tie_rule         (WmClassification  *self);
const guint8 *wm_classification_get_area_classes     (WmClassification  *self,
                                                      guint             *n_areas);
guint         wm_classification_get_area_class       (WmClassification  *self,
                                                      guint              area);
double        wm_classification_get_area_value       (WmClassification  *self,
                                                      guint              area);
char         *wm_classification_get_area_reason      (WmClassification  *self,
                                                      guint              area);
guint         wm_classification_get_histogram        (WmClassification  *self,
                                                      guint             *bins,
                                                      guint              n_bins,
                                                      double            *lo,
                                                      double            *hi);

G_END_DECLS
