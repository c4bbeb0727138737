using LiveOrders.Core;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;
using LiveOrders.Web.Components.Reports;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// The download of the orders behind a report figure (<c>/reports/orders/export?format=xlsx|csv&amp;figure=…</c>, the
/// drill-down page's own query): the same rows as the page, refused as the page refuses — a Russian ProblemDetails.
/// </summary>
public static class FigureOrdersDownloads
{
    public static void MapFigureOrdersExport(this IEndpointRouteBuilder app) =>
        app.MapGet(FigureQuery.ExportPath, async (HttpContext http, ActorDirectory directory, FigureOrdersExports exports, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return Results.NotFound();
            var q = http.Request.Query;
            if (ExportFormats.Parse(q["format"]) is not { } format) return Problem(StatusCodes.Status400BadRequest, "Укажите формат выгрузки: xlsx или csv.");
            var query = FigureQuery.Parse(q["figure"], q["department"], q["from"], q["to"]);
            if (!query.Ok) return Problem(StatusCodes.Status400BadRequest, query.Message!);
            var file = await exports.FileAsync(actor, query.Value!.Period, query.Value.DepartmentIds, query.Value.Figure, format, ct);
            return file.Failure switch
            {
                Failure.None => OrderExportDownloads.Send(http, file.Value!),
                Failure.Forbidden => Problem(StatusCodes.Status403Forbidden, file.Message!),
                _ => Problem(StatusCodes.Status400BadRequest, file.Message!),
            };
        }).RequireAuthorization().ExcludeFromDescription();

    private static IResult Problem(int status, string message) =>
        Results.Problem(title: status == StatusCodes.Status403Forbidden ? "Нет доступа" : "Неверный запрос", detail: message, statusCode: status);
}
