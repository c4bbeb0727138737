using LiveOrders.Core;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Organization;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// The control panel as a download (<c>/control/export?format=xlsx|csv</c>): the panel has no filter, its scope is its
/// reader's, decided in Core as for the page. Someone whose panel it is not gets a 403 ProblemDetails in Russian.
/// </summary>
public static class ControlExportDownload
{
    public const string Pattern = "/control/export";

    public static string Url(ExportFormat format) => $"{Pattern}?format={format.ToString().ToLowerInvariant()}";

    public static void MapControlExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Pattern, async (HttpContext http, ActorDirectory directory, ControlExports exports, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return Forbidden(ControlExports.Refusal);
            if (ExportFormats.Parse(http.Request.Query["format"]) is not { } format) return OrderExportDownloads.BadRequest("Укажите формат выгрузки: xlsx или csv.");
            var result = await exports.ExportAsync(actor, format, ct);
            return result switch
            {
                { Ok: true } => OrderExportDownloads.Send(http, result.Value!),
                { Failure: Failure.Forbidden } => Forbidden(result.Message),
                _ => OrderExportDownloads.BadRequest(result.Message ?? "Выгрузку не удалось составить."),
            };
        }).RequireAuthorization().ExcludeFromDescription();

    internal static IResult Forbidden(string? message) =>
        Results.Problem(title: "Нет доступа", detail: message, statusCode: StatusCodes.Status403Forbidden);
}
