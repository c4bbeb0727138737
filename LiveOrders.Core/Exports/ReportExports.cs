using System.Globalization;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Exports;

/// <summary>
/// The reports page as xlsx or CSV: «Отчёт» (the period, the departments, when and the index's formula), «Показатели»
/// (the table), «Динамика по неделям» (always by week, whatever the chart shows for a long period) and «Рейтинг». It reads
/// through <see cref="ReportQueries"/> and <see cref="ReportTrendQueries"/>, so it holds what the page shows and gives
/// the same refusals. Durations are in hours and shares in percent, as numbers a spreadsheet can add up.
/// </summary>
public sealed class ReportExports(ReportQueries reports, ReportTrendQueries trends, MunicipalTime time)
{
    public const string Title = "Показатели исполнения поручений";

    public static readonly string[] FigureHeaders =
    [
        "Подразделение", "Поступило", "Исполнено", "Исполнено в срок", "В срок, %", "Просрочено сейчас",
        "Принятие: среднее, ч", "Принятие: медиана, ч", "Исполнение: среднее, ч", "Исполнение: медиана, ч",
        "Переадресаций", "Переадресаций на поручение", "Возвратов на доработку", "Продлений запрошено", "Продлений одобрено",
        "Средняя оценка",
    ];

    public static readonly string[] TrendHeaders = ["Неделя с", "по", "Поступило", "Исполнено", "Неполная неделя"];

    public static readonly string[] RatingHeaders =
        ["Место", "Подразделение", "Индекс", "С: в срок, %", "П: без просрочки, %", "Б: быстрота принятия, %", "В: без возвратов, %", "К: качество, %"];

    public async Task<Result<ExportFile>> ReportAsync(Actor actor, ReportPeriod period, IReadOnlyCollection<int>? departmentIds, ExportFormat format,
        CancellationToken ct = default)
    {
        var report = await reports.FiguresWithTotalAsync(actor, period, departmentIds, ct);
        if (!report.Ok) return Result<ExportFile>.From(report);
        var figures = report.Value!.Departments;
        var trend = await trends.TrendAsync(actor, period, departmentIds, TrendStep.Week, ct);
        if (!trend.Ok) return Result<ExportFile>.From(trend);
        var chosenAll = departmentIds is not { Count: > 0 };

        IReadOnlyList<object?> Field(string name, object? value) => [name, value];
        var header = new ExportTable("Отчёт", ["Поле", "Значение"],
        [
            Field("Отчёт", Title),
            Field("Период", $"с {Day(period.From)} по {Day(period.To.AddDays(-1))} включительно"),
            Field("Подразделения", (chosenAll ? "все доступные: " : "") + string.Join(", ", figures.Select(f => f.Name))),
            Field("Сформирован", LocalNow()),
            Field("Часовой пояс", Zone()),
            Field("Индекс рейтинга", DepartmentRating.Formula),
        ]);
        // The departments and, as on the page when there are several, «Итого по выбранным».
        var rows = figures.Count > 1 ? figures.Append(report.Value.Total) : figures;
        var table = new ExportTable("Показатели", FigureHeaders, rows.Select(f => (IReadOnlyList<object?>)
        [
            f.Name, f.Received, f.Done, f.DoneOnTime, Percent(f.OnTimeRate), f.OverdueNow,
            Hours(f.MeanToAccept), Hours(f.MedianToAccept), Hours(f.MeanToComplete), Hours(f.MedianToComplete),
            f.Forwards, Round(f.ForwardsPerOrder), f.Returns, f.ExtensionsAsked, f.ExtensionsGranted, Round(f.MeanMark),
        ]).ToList());
        var weeks = new ExportTable("Динамика по неделям", TrendHeaders, trend.Value!.Points.Select(p => (IReadOnlyList<object?>)
            [p.Start, p.LastDay, p.Received, p.Done, p.Partial ? "да" : ""]).ToList());
        var rating = new ExportTable("Рейтинг", RatingHeaders, DepartmentRating.Rate(figures).Select(r => (IReadOnlyList<object?>)
        [
            r.Place, r.Figures.Name, r.Index ?? (object)DepartmentRating.NotRated,
            Percent(r.Components.OnTime), Percent(r.Components.NoOverdue), Percent(r.Components.AcceptSpeed),
            Percent(r.Components.NoReturns), Percent(r.Components.Quality),
        ]).ToList());

        var tables = new[] { header, table, weeks, rating };
        var name = $"Отчёт_{period.From:yyyy-MM-dd}_{period.To.AddDays(-1):yyyy-MM-dd}";
        return format switch
        {
            ExportFormat.Xlsx => new ExportFile(XlsxExport.Write(tables), ExportFormats.XlsxType, name + ".xlsx"),
            _ => new ExportFile(CsvExport.Write(tables), ExportFormats.CsvType, name + ".csv"),
        };
    }

    private string Zone()
    {
        var offset = time.Zone.GetUtcOffset(time.UtcNow);
        return $"{time.Zone.Id} (UTC{(offset < TimeSpan.Zero ? "−" : "+")}{offset.Duration():hh\\:mm})";
    }

    private static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private DateTime LocalNow()
    {
        var local = time.LocalNow;
        return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
    }

    /// <summary>Two decimals: what a person reads, and what the file holds.</summary>
    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;

    private static double? Percent(double? share) => Round(share * 100);

    private static double? Hours(TimeSpan? span) => Round(span?.TotalHours);
}
