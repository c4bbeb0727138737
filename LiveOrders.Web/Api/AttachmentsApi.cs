using LiveOrders.Core.Attachments;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;

namespace LiveOrders.Web.Api;

/// <summary>The order's files for other systems: read only, with the same access as the order itself.</summary>
public static class AttachmentsApi
{
    public static void MapAttachmentsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/orders/{id:int}/attachments", async (int id, HttpContext http, ActorDirectory directory, AttachmentService attachments, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return OrdersApi.NoEmployee();
            var result = await attachments.ListAsync(actor, id, ct);
            return result.Ok ? Results.Ok(result.Value) : OrdersApi.Problem(result);
        })
            .WithName("ListAttachments")
            .WithSummary("Файлы поручения")
            .WithDescription("Файлы, приложенные к поручению, к его отчётам и комментариям (удалённые не показываются): имя, размер, тип, "
                + "кто и когда приложил. Поручение, которого вызывающий видеть не может, отвечает 404.")
            .Produces<IReadOnlyList<AttachmentItem>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/orders/{id:int}/attachments/{attachmentId:long}", async (int id, long attachmentId, HttpContext http, ActorDirectory directory,
            AttachmentService attachments, CancellationToken ct) =>
        {
            if (await directory.FindAsync(http.User, ct) is not { } actor) return OrdersApi.NoEmployee();
            var result = await attachments.OpenAsync(actor, id, attachmentId, ct);
            return result.Ok ? AttachmentDownloads.Send(http, result.Value!, preview: false) : OrdersApi.Problem(result);
        })
            .WithName("DownloadAttachment")
            .WithSummary("Скачать файл поручения")
            .WithDescription("Содержимое файла, всегда как вложение (Content-Disposition: attachment, имя в filename*). "
                + "Файл чужого или невидимого поручения, удалённый или несуществующий файл — 404.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/octet-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
