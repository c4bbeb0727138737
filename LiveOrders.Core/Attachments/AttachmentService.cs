using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Attachments;

/// <summary>
/// Attaching, listing, opening and removing files. Access is <see cref="OrderPolicy"/>'s: whoever may not see the order
/// learns nothing of its files (404, as for the order). Attaching and removing are recorded in the order's history in
/// the same transaction as the file's row, and published to the live feed after the commit (<see cref="LiveCommit"/>).
/// </summary>
public sealed class AttachmentService(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, ILiveFeed feed,
    ActorDirectory directory, AttachmentStore store, IOptions<AttachmentOptions> options)
{
    public const string NotFoundMessage = "Файл не найден или у вас нет к нему доступа.";
    public const string InterruptedMessage = "Загрузка файла прервалась, файл не сохранён. Загрузите его снова.";

    public long MaxBytes => options.Value.MaxBytes;
    public IReadOnlySet<string> Extensions => options.Value.Extensions;

    /// <summary>
    /// Checks everything that can be checked before a byte is read: the name, its extension, the size the client
    /// declares. The page asks this first, so a 200 MB file is refused without being sent at all.
    /// </summary>
    public string? Precheck(string? fileName, long? declaredSize) => Precheck(fileName, declaredSize, out _);

    private string? Precheck(string? fileName, long? declaredSize, out string name)
    {
        name = "";
        var (clean, refusal) = AttachmentName.Check(fileName);
        if (refusal is not null) return refusal;
        name = clean!;
        var extension = AttachmentName.ExtensionOf(name);
        if (!Extensions.Contains(extension))
            return (extension.Length == 0 ? $"У файла «{name}» нет расширения" : $"Файлы «.{extension}» прикладывать нельзя")
                + $". Разрешены: {string.Join(", ", Extensions.Order())}.";
        if (declaredSize > MaxBytes)
            return $"Файл «{name}» ({AttachmentStore.Megabytes(declaredSize.Value)}) больше допустимого размера: можно прикладывать файлы до {AttachmentStore.Megabytes(MaxBytes)}.";
        return null;
    }

    /// <summary>
    /// Attaches a file to an order (and to one of its reports or comments, by <paramref name="link"/>). The content is
    /// read once, as a stream, and refused as soon as it passes the size limit; nothing is saved unless all of it arrived
    /// and matches its extension.
    /// </summary>
    public async Task<Result<AttachmentItem>> UploadAsync(Actor actor, int orderId, string? fileName, long? declaredSize, Stream content,
        AttachmentLink? link = null, CancellationToken ct = default)
    {
        link ??= AttachmentLink.Order;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !OrderPolicy.CanView(actor, order)) return Fail(Result.NotFound());
        if (!directory.IsCurrent(actor)) return Fail(Result.Forbidden("Ваши права в системе изменились. Обновите страницу."));
        if (!OrderPolicy.CanAttach(actor, order)) return Fail(Result.Forbidden(OrderPolicy.AttachRefusal(actor, order)));
        if (Precheck(fileName, declaredSize, out var name) is { } refusal) return Fail(Result.Invalid(refusal, "file"));
        if (await LinkRefusalAsync(db, actor, orderId, link, ct) is { } linkRefusal) return Fail(Result.Invalid(linkRefusal, "file"));

        AttachmentStore.StagedFile? staged;
        try
        {
            (staged, var contentRefusal) = await store.StageAsync(content, MaxBytes, AttachmentContent.For(AttachmentName.ExtensionOf(name)), ct);
            if (contentRefusal is not null) return Fail(Result.Invalid(contentRefusal, "file"));
        }
        catch (Exception)
        {
            // The client went away or the stream broke mid-way (each transport throws its own kind): the store has
            // already removed the partial file, and no row was written.
            return Fail(Result.Invalid(InterruptedMessage, "file"));
        }

        using (staged)
        {
            var now = time.UtcNow;
            var contentType = AttachmentContent.ContentTypeOf(AttachmentName.ExtensionOf(name));
            var attachment = Attachment.Create(orderId, link, name, staged!.Size, contentType, staged.Sha256, actor.EmployeeId, now);
            var created = staged.Commit();
            try
            {
                db.Attachments.Add(attachment);
                db.OrderEvents.Add(OrderEvent.Beside(orderId, OrderEventKind.AttachmentAdded, actor.EmployeeId, now, name));
                await feed.SaveAndPublishAsync(db, Changes(order, OrderEventKind.AttachmentAdded, actor.EmployeeId, now), CancellationToken.None);
            }
            catch
            {
                // No row names the file: a file this upload put there goes too, unless another row has named it meanwhile.
                if (created && !await db.Attachments.AnyAsync(a => a.Sha256 == staged.Sha256, CancellationToken.None)) store.Forget(staged.Sha256);
                throw;
            }
            return ItemOf(attachment, actor.FullName, actor, order);
        }
    }

    /// <summary>Removes a file from the order's list; the removal is recorded in its history, and the file kept (see <see cref="Attachment"/>).</summary>
    public async Task<Result> RemoveAsync(Actor actor, int orderId, long attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !OrderPolicy.CanView(actor, order)) return Result.NotFound();
        var attachment = await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.OrderId == orderId, ct);
        if (attachment is null || attachment.IsRemoved) return new Result(Failure.NotFound, NotFoundMessage);
        if (!directory.IsCurrent(actor)) return Result.Forbidden("Ваши права в системе изменились. Обновите страницу.");
        if (!OrderPolicy.CanRemoveAttachment(actor, order, attachment.UploadedById))
            return Result.Forbidden(OrderPolicy.CanAttach(actor, order) ? OrderPolicy.RemoveRefusal : OrderPolicy.AttachRefusal(actor, order));

        var now = time.UtcNow;
        attachment.Remove(actor.EmployeeId, now);
        db.OrderEvents.Add(OrderEvent.Beside(orderId, OrderEventKind.AttachmentRemoved, actor.EmployeeId, now, attachment.FileName));
        try
        {
            await feed.SaveAndPublishAsync(db, Changes(order, OrderEventKind.AttachmentRemoved, actor.EmployeeId, now), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Result(Failure.NotFound, NotFoundMessage);
        }
        return Result.Success;
    }

    /// <summary>The order's files (not the removed ones), oldest first, with what this viewer may do with each.</summary>
    public async Task<Result<IReadOnlyList<AttachmentItem>>> ListAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        var files = await FilesAsync(actor, orderId, ct);
        return files.Ok ? files.Value!.Files.ToList() : Result<IReadOnlyList<AttachmentItem>>.From(files);
    }

    /// <summary>The order's files and whether this viewer may attach more: what the order page shows.</summary>
    public async Task<Result<OrderFiles>> FilesAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !OrderPolicy.CanView(actor, order)) return Result<OrderFiles>.From(Result.NotFound());
        var rows = await db.Attachments.AsNoTracking().Where(a => a.OrderId == orderId && a.RemovedAt == null)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Join(db.Employees, a => a.UploadedById, e => e.Id, (a, e) => new { a, e.FullName })
            .ToListAsync(ct);
        return new OrderFiles(OrderPolicy.CanAttach(actor, order), rows.Select(r => ItemOf(r.a, r.FullName, actor, order)).ToList());
    }

    /// <summary>One file to send, for someone who may see the order; a removed file is gone for everyone (404).</summary>
    public async Task<Result<AttachmentFile>> OpenAsync(Actor actor, int orderId, long attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !OrderPolicy.CanView(actor, order)) return Result<AttachmentFile>.From(new Result(Failure.NotFound, NotFoundMessage));
        var row = await db.Attachments.AsNoTracking().Where(a => a.Id == attachmentId && a.OrderId == orderId && a.RemovedAt == null)
            .Join(db.Employees, a => a.UploadedById, e => e.Id, (a, e) => new { a, e.FullName })
            .FirstOrDefaultAsync(ct);
        if (row is null || !store.Contains(row.a.Sha256)) return Result<AttachmentFile>.From(new Result(Failure.NotFound, NotFoundMessage));
        var sha = row.a.Sha256;
        return new AttachmentFile(ItemOf(row.a, row.FullName, actor, order), () => store.Open(sha));
    }

    /// <summary>The actor's latest report (the «Submitted» event) on the order: what files sent with a report just made belong to.</summary>
    public async Task<long?> LatestReportIdAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OrderEvents.Where(e => e.OrderId == orderId && e.Kind == OrderEventKind.Submitted && e.ActorId == actor.EmployeeId)
            .OrderByDescending(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>A report link must name this order's «Submitted» event by this person; a comment link, this person's comment on it.</summary>
    private static async Task<string?> LinkRefusalAsync(LiveOrdersDbContext db, Actor actor, int orderId, AttachmentLink link, CancellationToken ct)
    {
        if (link.ReportEventId is { } eventId && !await db.OrderEvents.AnyAsync(e =>
                e.Id == eventId && e.OrderId == orderId && e.Kind == OrderEventKind.Submitted && e.ActorId == actor.EmployeeId, ct))
            return "Файл можно приложить только к своему отчёту по этому поручению.";
        if (link.CommentId is { } commentId && !await db.OrderComments.AnyAsync(c =>
                c.Id == commentId && c.OrderId == orderId && c.AuthorId == actor.EmployeeId, ct))
            return "Файл можно приложить только к своему комментарию к этому поручению.";
        return null;
    }

    private static AttachmentItem ItemOf(Attachment a, string uploadedBy, Actor viewer, Order order) => new(
        a.Id, a.OrderId, a.FileName, a.Size, a.ContentType,
        a.OrderEventId is not null ? AttachmentPlace.Report : a.CommentId is not null ? AttachmentPlace.Comment : AttachmentPlace.Order,
        a.CommentId, a.UploadedById, uploadedBy, a.UploadedAt,
        AttachmentContent.IsPreviewable(a.ContentType), AttachmentContent.IsImage(a.ContentType),
        OrderPolicy.CanRemoveAttachment(viewer, order, a.UploadedById));

    /// <summary>What the live feed says of a file attached or removed: the order itself (and its version) did not change.</summary>
    private static Func<CancellationToken, Task<IReadOnlyList<OrderChanged>>> Changes(Order order, OrderEventKind kind, int actorId, DateTime at) =>
        _ => Task.FromResult<IReadOnlyList<OrderChanged>>(
            [new OrderChanged(OrderChangeKind.Attachments, order.Id, order.Version, OrderAudience.Of(order), null, actorId, at, kind)]);

    private static Result<AttachmentItem> Fail(Result failure) => Result<AttachmentItem>.From(failure);
}
