"""Articles (and sections) that convert: conversions per 1,000 appeal
impressions, from the appeal counters, over a date range.

Only article pages count: appeals shown on the home page and on section pages
are in the Appeals report, not here. An article's section is its parent page.
Rows are aggregated in the database; titles and sections are looked up in two
more queries for the rows shown (or exported), so the report costs the same
whatever the number of pages."""

import datetime
from dataclasses import dataclass

from django.db.models import F, FloatField, QuerySet, Sum
from django.db.models.functions import Cast, NullIf

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.models import Page

import django_filters

from articles.models import ArticlePage, SectionPage
from membership.models import AppealStat, Placement
from membership.reports.common import AppealReportView, Funnel, date_range_filter


class ConversionFilterSet(WagtailFilterSet):
    day = date_range_filter("day")
    placement = django_filters.ChoiceFilter(
        field_name="appeal__placement", choices=Placement.choices, empty_label="All"
    )

    class Meta:
        model = AppealStat
        fields = ["placement"]


class ArticleConversionFilterSet(ConversionFilterSet):
    section = django_filters.ModelChoiceFilter(
        queryset=SectionPage.objects.order_by("title"),
        empty_label="All sections",
        method="in_section",
    )

    class Meta(ConversionFilterSet.Meta):
        fields = ["placement", "section"]

    def in_section(self, queryset: QuerySet, name: str, value: SectionPage | None) -> QuerySet:
        if not value:
            return queryset
        pages = Page.objects.filter(path__startswith=value.path, depth__gt=value.depth)
        return queryset.filter(page_id__in=pages.values("pk"))


@dataclass
class Row(Funnel):
    page_id: int
    title: str
    section: str
    impressions: int
    clicks: int
    conversions: int


EXPORT_HEADINGS = {
    "page_id": "Page id",
    "title": "Article",
    "section": "Section",
    "impressions": "Impressions",
    "clicks": "Clicks",
    "conversions": "Conversions",
    "per_thousand": "Conversions per 1,000 impressions",
}
NUMBER_COLUMNS = [
    NumberColumn("impressions", label="Impressions"),
    NumberColumn("clicks", label="Clicks"),
    NumberColumn("conversions", label="Conversions"),
    Column("per_thousand", label="Conversions per 1,000 impressions"),
]


def titles_and_sections(page_ids: set[int]) -> dict[int, tuple[str, str]]:
    """page id → (title, parent's title): two queries whatever the count."""
    pages = list(Page.objects.filter(pk__in=page_ids).only("pk", "title", "path", "depth"))
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.depth > 2}
    parents = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    return {page.pk: (page.title, parents.get(page.path[: -Page.steplen], "")) for page in pages}


def article_stats() -> QuerySet[AppealStat]:
    """The counters of appeals shown on article pages (one subquery)."""
    return AppealStat.objects.filter(page_id__in=ArticlePage.objects.values("pk"))


class ArticleConversionReportView(AppealReportView):
    page_title = "Articles that convert"
    header_icon = "doc-full"
    filterset_class = ArticleConversionFilterSet
    index_url_name = "membership_reports:articles"
    index_results_url_name = "membership_reports:articles_results"
    columns = [
        Column("title", label="Article"),
        Column("section", label="Section"),
        *NUMBER_COLUMNS,
    ]
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS

    def get_filename(self) -> str:
        return f"articles-that-convert-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return article_stats()

    def get_filtered_queryset(self):
        stats = self.filter_queryset(self.get_queryset())
        return (
            stats.values("page_id")
            .annotate(
                impressions=Sum("impressions"),
                clicks=Sum("clicks"),
                conversions=Sum("conversions"),
            )
            .annotate(
                rate=Cast(F("conversions"), FloatField())
                / NullIf(Cast(F("impressions"), FloatField()), 0.0)
            )
            .order_by(F("rate").desc(nulls_last=True), "-conversions", "page_id")
        )

    def paginate_queryset(self, queryset, page_size):
        # Wagtail builds the HTML table from the page of rows before
        # ``decorate_paginated_queryset`` runs, so the rows are decorated here
        # (the table showed empty Article, Section and rate cells).
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        return paginator, page, self.decorate_paginated_queryset(object_list), is_paginated

    def decorate_paginated_queryset(self, object_list):
        if isinstance(object_list, list):  # decorated in paginate_queryset
            return object_list
        rows = list(object_list)
        names = titles_and_sections({row["page_id"] for row in rows})
        return [
            Row(
                page_id=row["page_id"],
                title=names.get(row["page_id"], ("(deleted page)", ""))[0],
                section=names.get(row["page_id"], ("", ""))[1],
                impressions=row["impressions"],
                clicks=row["clicks"],
                conversions=row["conversions"],
            )
            for row in rows
        ]


@dataclass
class SectionRow(Funnel):
    section: str
    impressions: int = 0
    clicks: int = 0
    conversions: int = 0


SECTION_HEADINGS = {k: v for k, v in EXPORT_HEADINGS.items() if k not in ("page_id", "title")}


class SectionConversionReportView(AppealReportView):
    page_title = "Sections that convert"
    header_icon = "folder-open-inverse"
    filterset_class = ConversionFilterSet
    index_url_name = "membership_reports:sections"
    index_results_url_name = "membership_reports:sections_results"
    columns = [Column("section", label="Section"), *NUMBER_COLUMNS]
    list_export = list(SECTION_HEADINGS)
    export_headings = SECTION_HEADINGS

    def get_filename(self) -> str:
        return f"sections-that-convert-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return article_stats()

    def get_filtered_queryset(self):
        """Sections are few: group per page in the database, then per
        section here (three queries in all)."""
        stats = self.filter_queryset(self.get_queryset())
        per_page = list(
            stats.values("page_id").annotate(
                impressions=Sum("impressions"),
                clicks=Sum("clicks"),
                conversions=Sum("conversions"),
            )
        )
        names = titles_and_sections({row["page_id"] for row in per_page})
        sections: dict[str, SectionRow] = {}
        for row in per_page:
            name = names.get(row["page_id"], ("", ""))[1] or "(no section)"
            total = sections.setdefault(name, SectionRow(name))
            total.impressions += row["impressions"]
            total.clicks += row["clicks"]
            total.conversions += row["conversions"]
        return sorted(
            sections.values(),
            key=lambda s: (s.per_thousand is None, -(s.per_thousand or 0), s.section),
        )
