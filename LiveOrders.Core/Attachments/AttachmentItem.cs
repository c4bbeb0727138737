namespace LiveOrders.Core.Attachments;

public enum AttachmentPlace { Order, Report, Comment }

/// <summary>An attachment as a viewer sees it in the order's list (and as the API returns it).</summary>
public sealed record AttachmentItem(
    long Id,
    int OrderId,
    string FileName,
    long Size,
    string ContentType,
    AttachmentPlace Place,
    long? CommentId,
    int UploadedById,
    string UploadedBy,
    DateTime UploadedAt,
    bool Previewable,
    bool IsImage,
    bool CanRemove)
{
    public string SizeText => Size < 1024 ? $"{Size} Б" : AttachmentStore.Megabytes(Size);
}

/// <summary>An attachment to send: what it is and how to open its content.</summary>
public sealed record AttachmentFile(AttachmentItem Item, Func<Stream> Open);

/// <summary>An order's files as one viewer sees them, and whether she may attach more.</summary>
public sealed record OrderFiles(bool CanAttach, IReadOnlyList<AttachmentItem> Files);
