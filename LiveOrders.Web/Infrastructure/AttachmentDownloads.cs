using LiveOrders.Core.Attachments;
using LiveOrders.Core.Organization;
using Microsoft.Net.Http.Headers;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// An attachment's content, for people signed in who may see its order (anyone else gets the same 404 as for a file that
/// does not exist). Images and PDFs are sent inline so the page can preview them (a frame of this site only); every other
/// type, and any file asked for with <c>?download=1</c>, as a download. The name goes only into
/// <c>Content-Disposition</c>'s quoted ASCII fallback and its RFC 5987 <c>filename*</c>, never raw.
/// </summary>
public static class AttachmentDownloads
{
    public const string Pattern = "/orders/{orderId:int}/attachments/{attachmentId:long}";

    public static string UrlOf(AttachmentItem item, bool download = false) =>
        $"/orders/{item.OrderId}/attachments/{item.Id}" + (download ? "?download=1" : "");

    public static void MapAttachmentDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet(Pattern, async (int orderId, long attachmentId, string? download, HttpContext http, ActorDirectory directory,
            AttachmentService attachments, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return Results.NotFound();
            var result = await attachments.OpenAsync(actor, orderId, attachmentId, ct);
            return result.Ok ? Send(http, result.Value!, preview: download is null) : Results.NotFound();
        }).RequireAuthorization().ExcludeFromDescription();

    /// <summary>Sends the file with the headers that make it safe to open: also the API's download.</summary>
    internal static IResult Send(HttpContext http, AttachmentFile file, bool preview)
    {
        var item = file.Item;
        var inline = preview && item.Previewable;
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(item.FileName);
        var headers = http.Response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        // Access is decided per request: no shared cache may keep a copy for the next person.
        headers.CacheControl = "private, no-store";
        if (inline) http.AllowFramingBySelf();
        return Results.Stream(file.Open(), item.ContentType, enableRangeProcessing: true);
    }
}
