using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Audit;

public sealed record AuditRow(long Id, DateTime At, string ActorName, string Action, string EntityType, string EntityId, string Summary,
    string Changes, AuditKind Kind, string? Address, int? OrderId);

public sealed record AuditLogPage(IReadOnlyList<AuditRow> Items, int Total);

/// <summary>
/// What the log viewer asks for. <paramref name="From"/> and <paramref name="To"/> are days in the municipality's zone,
/// both included; the texts match anywhere, whatever the case (Cyrillic too).
/// </summary>
public sealed record AuditFilter(DateOnly? From = null, DateOnly? To = null, AuditKind? Kind = null, string? Person = null,
    string? Text = null, string? Address = null)
{
    public static readonly AuditFilter None = new();
}

/// <summary>
/// Reading the append-only log: newest first, filtered in the database (no row is loaded to be filtered here), a page at a
/// time. For administrators and the control department (<see cref="AccessPolicy.CanViewAudit"/>).
/// </summary>
public sealed class AuditLog(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time)
{
    public const int MaxPageSize = 200;
    public const string Refusal = "Журнал изменений открыт только администратору и отделу контроля.";

    public async Task<Result<AuditLogPage>> PageAsync(Actor actor, AuditFilter filter, int skip, int take, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanViewAudit(actor)) return Result<AuditLogPage>.From(Result.Forbidden(Refusal));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, MaxPageSize);
        var items = await Rows(query).Skip(skip).Take(take).ToListAsync(ct);
        return new AuditLogPage(items, await query.CountAsync(ct));
    }

    /// <summary>The first <paramref name="max"/> entries the filter gives, newest first (for the export).</summary>
    public async Task<Result<IReadOnlyList<AuditRow>>> AllAsync(Actor actor, AuditFilter filter, int max, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanViewAudit(actor)) return Result<IReadOnlyList<AuditRow>>.From(Result.Forbidden(Refusal));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(Filtered(db, filter)).Take(max).ToListAsync(ct);
    }

    private IQueryable<AuditEntry> Filtered(LiveOrdersDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = time.StartOfDay(from);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = time.EndOfDay(to);
            query = query.Where(a => a.At < end);
        }
        if (filter.Kind is { } kind) query = query.Where(a => a.Kind == kind);
        if (Pattern(filter.Person) is { } person) query = query.Where(a => EF.Functions.Like(a.ActorKey, person, "\\"));
        if (Pattern(filter.Text) is { } text) query = query.Where(a => EF.Functions.Like(a.SearchText, text, "\\"));
        if (!string.IsNullOrWhiteSpace(filter.Address))
        {
            // An address typed whole matches itself (and uses the index); a part of one («10.0.») matches as a prefix.
            var address = filter.Address.Trim();
            var prefix = Escape(address.ToLowerInvariant()) + "%";
            query = query.Where(a => a.Address == address || EF.Functions.Like(a.Address!, prefix, "\\"));
        }
        return query;
    }

    private static IQueryable<AuditRow> Rows(IQueryable<AuditEntry> query) =>
        query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Summary, a.Changes, a.Kind, a.Address, a.OrderId));

    private static string? Pattern(string? needle) =>
        string.IsNullOrWhiteSpace(needle) ? null : $"%{Escape(AuditEntry.Normalize(needle.Trim()))}%";

    /// <summary>A typed «%» or «_» is a character, not a wildcard.</summary>
    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
