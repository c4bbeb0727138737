using System.Globalization;
using LiveOrders.Core;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Reports;
using Microsoft.AspNetCore.WebUtilities;
using LiveOrders.Web.Infrastructure;

namespace LiveOrders.Web.Components.Reports;

/// <summary>
/// The address of the orders behind a report figure: <c>/reports/orders?figure=…&amp;department=…&amp;from=…&amp;to=…</c>
/// (several <c>department</c>: their union, none: all the reader's; <c>to</c> is the period's last day, included, as in
/// every address the reports produce: the page's «Выгрузить» and the справка), the same query for its download. Parsing a hand-typed address gives a Russian message,
/// never an exception.
/// </summary>
public sealed record FigureQuery(ReportFigure Figure, ReportPeriod Period, IReadOnlyList<int> DepartmentIds)
{
    public const string PagePath = "/reports/orders";
    public const string ExportPath = "/reports/orders/export";
    public const string NoFigure = "Не указан показатель отчёта: откройте список из таблицы на странице «Отчёты».";
    public const string BadDate = "Период указан неверно: даты — в виде ГГГГ-ММ-ДД.";
    public const string BadDepartment = "Подразделение указано неверно.";


    public string PageUrl => QueryHelpers.AddQueryString(PagePath, Query());

    public string ExportUrl(ExportFormat format) =>
        QueryHelpers.AddQueryString(ExportPath, Query().Prepend(new("format", format.ToString().ToLowerInvariant())));

    private IEnumerable<KeyValuePair<string, string?>> Query() =>
        new KeyValuePair<string, string?>[] { new("figure", Figure.ToString()) }
            .Concat(DepartmentIds.Select(id => new KeyValuePair<string, string?>("department", id.ToString(CultureInfo.InvariantCulture))))
            .Append(new("from", QueryDay.Write(Period.From)))
            .Append(new("to", QueryDay.Write(LastDay)));

    /// <summary>The period's last day, included: what <c>to</c> says (<see cref="ReportPeriod.To"/> is the day after it).</summary>
    public DateOnly LastDay => Period.To == DateOnly.MinValue ? Period.To : Period.To.AddDays(-1);

    /// <summary>The query string's values, checked for form only; whether the departments are the reader's is Core's to say.</summary>
    public static Result<FigureQuery> Parse(string? figure, IEnumerable<string?>? departments, string? from, string? to)
    {
        if (string.IsNullOrWhiteSpace(figure)) return Result<FigureQuery>.From(Result.Invalid(NoFigure, "figure"));
        if (ReportFigureText.Parse(figure) is not { } f) return Result<FigureQuery>.From(Result.Invalid(ReportFigureText.Unknown, "figure"));
        if (!QueryDay.TryRead(from, out var start) || !QueryDay.TryRead(to, out var lastDay))
            return Result<FigureQuery>.From(Result.Invalid(BadDate, "period"));
        var ids = new List<int>();
        foreach (var value in departments ?? [])
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return Result<FigureQuery>.From(Result.Invalid(BadDepartment, "department"));
            ids.Add(id);
        }
        return new FigureQuery(f, ReportPeriod.Through(start, lastDay), ids.Distinct().ToList());
    }
}
