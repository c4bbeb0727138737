using System.Globalization;
using LiveOrders.Core;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// The reports page as a download (<c>/reports/export?format=xlsx|csv&amp;from=ГГГГ-ММ-ДД&amp;to=ГГГГ-ММ-ДД&amp;departments=1,2</c>,
/// <c>to</c> inclusive as on the page, no departments meaning all the reader's). Core decides who may have it, as for the
/// page; a refusal is a ProblemDetails in Russian (400 for a bad request, 403 for a report that is not theirs).
/// </summary>
public static class ReportExportDownloads
{
    public const string Pattern = "/reports/export";
    public const string BadPeriod = "Период выгрузки указан неверно: нужны даты from и to в виде ГГГГ-ММ-ДД.";
    public const string BadDepartments = "Подразделения выгрузки указаны неверно: нужны их номера через запятую.";

    /// <summary>The download's address for a period given by its first and last day and the chosen departments (none: all).</summary>
    public static string Url(ExportFormat format, DateOnly from, DateOnly lastDay, IEnumerable<int> departmentIds)
    {
        var query = new Dictionary<string, string?>
        {
            ["format"] = format.ToString().ToLowerInvariant(),
            ["from"] = QueryDay.Write(from),
            ["to"] = QueryDay.Write(lastDay),
            ["departments"] = string.Join(",", departmentIds.Order()) is { Length: > 0 } ids ? ids : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Pattern, query.Where(p => p.Value is not null));
    }

    public static void MapReportExports(this IEndpointRouteBuilder app) =>
        app.MapGet(Pattern, async (HttpContext http, ActorDirectory directory, ReportExports exports, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return Results.NotFound();
            var q = http.Request.Query;
            if (ExportFormats.Parse(q["format"]) is not { } format) return OrderExportDownloads.BadRequest("Укажите формат выгрузки: xlsx или csv.");
            if (!QueryDay.TryRead(q["from"], out var from) || !QueryDay.TryRead(q["to"], out var lastDay)) return OrderExportDownloads.BadRequest(BadPeriod);
            var ids = new List<int>();
            foreach (var part in q["departments"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return OrderExportDownloads.BadRequest(BadDepartments);
                ids.Add(id);
            }
            var result = await exports.ReportAsync(actor, ReportPeriod.Through(from, lastDay), ids, format, ct);
            return result switch
            {
                { Ok: true } => OrderExportDownloads.Send(http, result.Value!),
                { Failure: Failure.Forbidden } => Results.Problem(title: "Нет доступа", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
                _ => OrderExportDownloads.BadRequest(result.Message ?? BadPeriod),
            };
        }).RequireAuthorization().ExcludeFromDescription();
}
