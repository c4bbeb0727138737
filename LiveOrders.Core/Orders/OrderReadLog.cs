using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Orders;

public sealed record OrderReadItem(long Id, int OrderId, string OrderNumber, string Reader, string ReaderDepartment, DateTime At, ReadChannel Channel);

public sealed record OrderReadPage(IReadOnlyList<OrderReadItem> Items, int Total);

/// <summary>
/// Opening an order, and the log of openings of orders holding personal data (152-ФЗ). The order is handed out only
/// after its opening is saved, so nobody reads such an order unrecorded. The log is for control and administrators only.
/// </summary>
public sealed class OrderReadLog(IDbContextFactory<LiveOrdersDbContext> dbFactory, OrderQueries queries, MunicipalTime time)
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// The order as <see cref="OrderQueries.GetAsync"/> gives it, opened by a person: for an order holding personal data
    /// the opening is recorded first. Call it once per opening (a page's first render, an API GET), not on refreshes.
    /// </summary>
    public async Task<Result<OrderDetails>> OpenAsync(Actor actor, int orderId, ReadChannel channel, CancellationToken ct = default)
    {
        var result = await queries.GetAsync(actor, orderId, ct);
        if (result is { Ok: true, Value.ContainsPersonalData: true })
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.OrderReads.Add(new OrderRead(orderId, actor.EmployeeId, time.UtcNow, channel));
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>The openings of one order, newest first.</summary>
    public async Task<Result<IReadOnlyList<OrderReadItem>>> ForOrderAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        if (!OrderPolicy.CanSeeReadLog(actor)) return Result<IReadOnlyList<OrderReadItem>>.From(Result.Forbidden(OrderPolicy.ReadLogRefusal));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Orders.Where(OrderPolicy.VisibleTo(actor)).AnyAsync(o => o.Id == orderId, ct))
            return Result<IReadOnlyList<OrderReadItem>>.From(Result.NotFound());
        return await Project(db, db.OrderReads.AsNoTracking().Where(r => r.OrderId == orderId)).Take(MaxPageSize * 5).ToListAsync(ct);
    }

    /// <summary>The openings of every order over a period (local dates, inclusive), by order number or reader's name.</summary>
    public Task<Result<OrderReadPage>> SearchAsync(Actor actor, DateOnly? from, DateOnly? to, string? text, int skip, int take,
        CancellationToken ct = default) =>
        FindAsync(actor, from, to, text, Math.Max(0, skip), Math.Clamp(take, 1, MaxPageSize), ct);

    /// <summary>The most openings an export of the log holds.</summary>
    public const int MaxExportRows = 50_000;

    /// <summary>Every opening the log's page finds for the same filter (up to <see cref="MaxExportRows"/>), in its order: what its export holds.</summary>
    public Task<Result<OrderReadPage>> AllAsync(Actor actor, DateOnly? from, DateOnly? to, string? text, CancellationToken ct = default) =>
        FindAsync(actor, from, to, text, 0, MaxExportRows, ct);

    private async Task<Result<OrderReadPage>> FindAsync(Actor actor, DateOnly? from, DateOnly? to, string? text, int skip, int take,
        CancellationToken ct)
    {
        if (!OrderPolicy.CanSeeReadLog(actor)) return Result<OrderReadPage>.From(Result.Forbidden(OrderPolicy.ReadLogRefusal));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reads = db.OrderReads.AsNoTracking();
        if (from is { } f) { var start = time.StartOfDay(f); reads = reads.Where(r => r.At >= start); }
        if (to is { } t) { var end = time.EndOfDay(t); reads = reads.Where(r => r.At < end); }
        var rows = Project(db, reads);
        var needle = text?.Trim();
        if (string.IsNullOrEmpty(needle))
            return new OrderReadPage(await rows.Skip(skip).Take(take).ToListAsync(ct), await reads.CountAsync(ct));
        // SQLite's LIKE folds only Latin letters, and names are Russian: matched here.
        var matching = (await rows.ToListAsync(ct))
            .Where(r => r.OrderNumber.Contains(needle, StringComparison.CurrentCultureIgnoreCase)
                || r.Reader.Contains(needle, StringComparison.CurrentCultureIgnoreCase))
            .ToList();
        return new OrderReadPage(matching.Skip(skip).Take(take).ToList(), matching.Count);
    }

    private static IQueryable<OrderReadItem> Project(LiveOrdersDbContext db, IQueryable<OrderRead> reads) =>
        reads.OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Select(r => new OrderReadItem(r.Id, r.OrderId,
                db.Orders.Where(o => o.Id == r.OrderId).Select(o => o.Number).First(),
                db.Employees.Where(e => e.Id == r.ReaderId).Select(e => e.FullName).First(),
                db.Employees.Where(e => e.Id == r.ReaderId).Select(e => e.Department!.ShortName).First(),
                r.At, r.Channel));
}
