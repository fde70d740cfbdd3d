/* wm-atlas-print.c — an atlas through the print dialog
 *
 * A GtkPrintOperation whose pages are the atlas's, drawn by the same
 * function as the PDF: the dialog's page setup may change the paper and
 * turn the pages (the atlas lays itself out again, so the number of pages
 * is set when printing begins). GTK shows the progress and lets the user
 * cancel between pages. When GTK prints to a PDF — "Print to File", or an
 * export — the document gets the atlas's bookmarks and metadata too.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cairo-pdf.h>

#include "wm-atlas-print.h"

struct _WmAtlasPrint
{
  GtkPrintOperation parent_instance;

  WmAtlas *atlas;
};

G_DEFINE_FINAL_TYPE (WmAtlasPrint, wm_atlas_print, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_ATLAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_atlas_print_dispose (GObject *object)
{
  g_clear_object (&WM_ATLAS_PRINT (object)->atlas);
  G_OBJECT_CLASS (wm_atlas_print_parent_class)->dispose (object);
}

static void
wm_atlas_print_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ATLAS:
      g_value_set_object (value, WM_ATLAS_PRINT (object)->atlas);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_atlas_print_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ATLAS:
      WM_ATLAS_PRINT (object)->atlas = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The atlas's paper and orientation, until the dialog says otherwise. */
static void
wm_atlas_print_constructed (GObject *object)
{
  WmAtlasPrint *self = WM_ATLAS_PRINT (object);
  GtkPrintOperation *op = GTK_PRINT_OPERATION (object);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *title = wm_atlas_get_title (self->atlas);
  double width, height;

  G_OBJECT_CLASS (wm_atlas_print_parent_class)->constructed (object);

  wm_atlas_get_page_size (self->atlas, &width, &height);
  paper = gtk_paper_size_new (MAX (width, height) > 1000 ? GTK_PAPER_NAME_A3 : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (op, wm_atlas_get_n_pages (self->atlas));
  gtk_print_operation_set_show_progress (op, TRUE);
  gtk_print_operation_set_job_name (op, title);
}

static void
wm_atlas_print_begin_print (GtkPrintOperation *op,
                            GtkPrintContext   *context)
{
  WmAtlasPrint *self = WM_ATLAS_PRINT (op);
  GtkPageOrientation orientation = gtk_page_setup_get_orientation (gtk_print_context_get_page_setup (context));

  wm_atlas_set_landscape (self->atlas, orientation == GTK_PAGE_ORIENTATION_LANDSCAPE ||
                                       orientation == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE);
  gtk_print_operation_set_n_pages (op, wm_atlas_get_n_pages (self->atlas));
}

static void
wm_atlas_print_draw_page (GtkPrintOperation *op,
                          GtkPrintContext   *context,
                          int                page)
{
  WmAtlasPrint *self = WM_ATLAS_PRINT (op);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  cairo_surface_t *target = cairo_get_target (cr);

  if (page == 0 && cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_PDF)
    wm_atlas_decorate_pdf (self->atlas, target);
  wm_atlas_draw_page (self->atlas, cr, page, gtk_print_context_get_width (context),
                      gtk_print_context_get_height (context), gtk_print_context_get_dpi_x (context) / 72);
}

static void
wm_atlas_print_class_init (WmAtlasPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *op_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = wm_atlas_print_dispose;
  object_class->get_property = wm_atlas_print_get_property;
  object_class->set_property = wm_atlas_print_set_property;
  object_class->constructed = wm_atlas_print_constructed;
  op_class->begin_print = wm_atlas_print_begin_print;
  op_class->draw_page = wm_atlas_print_draw_page;

  properties[PROP_ATLAS] =
    g_param_spec_object ("atlas", NULL, NULL, WM_TYPE_ATLAS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_atlas_print_init (WmAtlasPrint *self)
{
}

WmAtlasPrint *
wm_atlas_print_new (WmAtlas *atlas)
{
  g_return_val_if_fail (WM_IS_ATLAS (atlas), NULL);
  return g_object_new (WM_TYPE_ATLAS_PRINT, "atlas", atlas, NULL);
}

WmAtlas *
wm_atlas_print_get_atlas (WmAtlasPrint *self)
{
  g_return_val_if_fail (WM_IS_ATLAS_PRINT (self), NULL);
  return self->atlas;
}
