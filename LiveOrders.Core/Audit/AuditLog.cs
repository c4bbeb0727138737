using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Audit;

public sealed record AuditRow(long Id, DateTime At, string ActorName, string Action, string EntityType, string EntityId, string Summary, string Changes);

public sealed record AuditLogPage(IReadOnlyList<AuditRow> Items, int Total);

/// <summary>The kinds of entries the log viewer filters by (the entity changed), with their Russian names.</summary>
public static class AuditKinds
{
    public static readonly IReadOnlyList<(string Type, string Name)> All =
    [
        ("Department", "Подразделения"),
        ("Employee", "Сотрудники"),
        ("ApiKey", "Ключи API"),
        ("Calendar", "Производственный календарь"),
        ("OrderType", "Виды поручений"),
        ("DelayReason", "Причины просрочки"),
    ];

    public static string Russian(string entityType) => All.FirstOrDefault(k => k.Type == entityType).Name ?? entityType;
}

/// <summary>Reading the administration's append-only log: newest first, by kind and text, a page at a time. Administrators only.</summary>
public sealed class AuditLog(IDbContextFactory<LiveOrdersDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    public async Task<Result<AuditLogPage>> PageAsync(Actor actor, string? entityType, string? text, int skip, int take, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(actor)) return Result<AuditLogPage>.From(Result.Forbidden("Журнал изменений открыт только администратору."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking().AsQueryable();
        if (!string.IsNullOrEmpty(entityType)) query = query.Where(a => a.EntityType == entityType);
        var rows = query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Summary, a.Changes));
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, MaxPageSize);
        var needle = text?.Trim();
        if (string.IsNullOrEmpty(needle))
            return new AuditLogPage(await rows.Skip(skip).Take(take).ToListAsync(ct), await query.CountAsync(ct));
        // SQLite's LIKE ignores case only for Latin letters, and the log is Russian: the text is matched here.
        var matching = (await rows.ToListAsync(ct)).Where(r => Matches(r, needle)).ToList();
        return new AuditLogPage(matching.Skip(skip).Take(take).ToList(), matching.Count);
    }

    private static bool Matches(AuditRow row, string needle) =>
        row.Summary.Contains(needle, StringComparison.CurrentCultureIgnoreCase)
        || row.Changes.Contains(needle, StringComparison.CurrentCultureIgnoreCase)
        || row.ActorName.Contains(needle, StringComparison.CurrentCultureIgnoreCase)
        || row.Action.Contains(needle, StringComparison.OrdinalIgnoreCase);
}
