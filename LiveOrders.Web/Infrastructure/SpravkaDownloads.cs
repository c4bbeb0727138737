using System.Globalization;
using LiveOrders.Core;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// «Справка об исполнительской дисциплине» as a download: <c>/reports/spravka?format=pdf|xlsx&amp;from=2026-03-01&amp;to=2026-03-31&amp;department=5</c>
/// (the last day included, as on the reports page; no department: all the reader's reports cover). Core decides who may
/// have it; a refusal or bad input is a ProblemDetails in Russian, never a 500.
/// </summary>
public static class SpravkaDownloads
{
    public const string Pattern = "/reports/spravka";
    public const string BadFormat = "Укажите формат справки: pdf или xlsx.";
    public const string BadPeriod = "Укажите период датами в виде ГГГГ-ММ-ДД: from — первый день, to — последний.";
    public const string BadDepartment = "Подразделение указано неверно.";

    /// <summary>The download's address for a period of whole days (<paramref name="to"/> included) and one department or all.</summary>
    public static string Url(string format, DateOnly from, DateOnly to, int? departmentId) =>
        $"{Pattern}?format={format}&from={QueryDay.Write(from)}&to={QueryDay.Write(to)}" + (departmentId is { } d ? $"&department={d}" : "");

    public static void MapSpravka(this IEndpointRouteBuilder app) =>
        app.MapGet(Pattern, async (HttpContext http, ActorDirectory directory, DisciplineReports reports, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return Results.NotFound();
            var q = http.Request.Query;
            var format = q["format"].ToString().ToLowerInvariant();
            if (format is not ("pdf" or "xlsx")) return Problem(StatusCodes.Status400BadRequest, BadFormat);
            if (!QueryDay.TryRead(q["from"], out var from) || !QueryDay.TryRead(q["to"], out var to)) return Problem(StatusCodes.Status400BadRequest, BadPeriod);
            if (to < from) return Problem(StatusCodes.Status400BadRequest, "Последний день периода раньше первого.");
            int? departmentId = null;
            if (q["department"].ToString() is { Length: > 0 } text)
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return Problem(StatusCodes.Status400BadRequest, BadDepartment);
                departmentId = id;
            }
            var result = await reports.BuildAsync(actor, ReportPeriod.Through(from, to), departmentId, ct);
            if (!result.Ok)
                return Problem(result.Failure switch
                {
                    Failure.Forbidden => StatusCodes.Status403Forbidden,
                    Failure.NotFound => StatusCodes.Status404NotFound,
                    _ => StatusCodes.Status400BadRequest,
                }, result.Message ?? "Справку составить не удалось.");
            var name = $"Справка об исполнительской дисциплине {QueryDay.Write(from)}_{QueryDay.Write(to)}";
            var file = format == "pdf"
                ? new ExportFile(DisciplinePdf.Write(result.Value!), DisciplinePdf.ContentType, name + ".pdf")
                : new ExportFile(DisciplineXlsx.Write(result.Value!), ExportFormats.XlsxType, name + ".xlsx");
            return OrderExportDownloads.Send(http, file);
        }).RequireAuthorization().ExcludeFromDescription();


    private static IResult Problem(int status, string message) => Results.Problem(
        title: status == StatusCodes.Status403Forbidden ? "Нет доступа" : status == StatusCodes.Status404NotFound ? "Не найдено" : "Неверный запрос",
        detail: message, statusCode: status);
}
