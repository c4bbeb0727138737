namespace LiveOrders.Core.Attachments;

/// <summary>
/// A file attached to an order, or to one of its reports (a «Submitted» event) or comments. The bytes live in the
/// content-addressed store under <see cref="Sha256"/>; this row says whose, which and since when. Removing keeps the row
/// (and so the file): the order's history is append-only, and a removed act may still be evidence.
/// </summary>
public sealed class Attachment
{
    public const int NameMaxLength = 255;

    public long Id { get; private set; }
    public int OrderId { get; private set; }
    /// <summary>The report (the order's «Submitted» event) this file came with, if any.</summary>
    public long? OrderEventId { get; private set; }
    /// <summary>The comment this file came with, if any.</summary>
    public long? CommentId { get; private set; }
    public string FileName { get; private set; } = "";
    public long Size { get; private set; }
    public string ContentType { get; private set; } = "";
    /// <summary>SHA-256 of the content, lower-case hex: the file's name in the store.</summary>
    public string Sha256 { get; private set; } = "";
    public int UploadedById { get; private set; }
    public DateTime UploadedAt { get; private set; }
    public int? RemovedById { get; private set; }
    public DateTime? RemovedAt { get; private set; }

    public bool IsRemoved => RemovedAt is not null;

    private Attachment() { }

    internal static Attachment Create(int orderId, AttachmentLink link, string fileName, long size, string contentType, string sha256,
        int uploadedById, DateTime now) => new()
    {
        OrderId = orderId,
        OrderEventId = link.ReportEventId,
        CommentId = link.CommentId,
        FileName = fileName,
        Size = size,
        ContentType = contentType,
        Sha256 = sha256,
        UploadedById = uploadedById,
        UploadedAt = now,
    };

    internal void Remove(int by, DateTime now)
    {
        if (IsRemoved) throw new InvalidOperationException("Already removed.");
        RemovedById = by;
        RemovedAt = now;
    }
}

/// <summary>What a file is attached to besides its order: a report (the «Submitted» event), a comment, or neither.</summary>
public sealed record AttachmentLink(long? ReportEventId = null, long? CommentId = null)
{
    public static readonly AttachmentLink Order = new();
}
