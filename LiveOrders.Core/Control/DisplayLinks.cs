using System.Globalization;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Control;

public sealed record DisplayLinkItem(int Id, string Name, string Owner, DateTime CreatedAt, DateTime? RevokedAt, DateTime? LastSeenAt);

/// <summary>Issues, resolves and revokes wall-screen links. Revocation reaches an open wall at once.</summary>
public sealed class DisplayLinks(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, ActorDirectory directory)
{
    /// <summary>Raised with the link's id when it is revoked (here or on another node), so open walls go dark at once.</summary>
    public event Action<int>? Revoked;

    /// <summary>Raised with the link's id when it was revoked on this node, for the cross-node relay to pass on.</summary>
    public event Action<int>? RevokedHere;

    /// <summary>A link revoked on another node: its walls here go dark too.</summary>
    public void RevokedElsewhere(int id) => Revoked?.Invoke(id);

    /// <summary>
    /// Revocations on other nodes may have been lost on the way: the links revoked since <paramref name="since"/> (all
    /// when none) are announced again (a wall of a valid link ignores them all). Returns the latest revocation's stamp.
    /// </summary>
    public async Task<DateTime?> AnnounceRevokedAsync(DateTime? since = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var revoked = await db.DisplayLinks.AsNoTracking()
            .Where(l => l.RevokedAt != null && (since == null || l.RevokedAt >= since))
            .Select(l => new { l.Id, At = l.RevokedAt!.Value }).ToListAsync(ct);
        foreach (var r in revoked) Revoked?.Invoke(r.Id);
        return revoked.Count == 0 ? null : revoked.Max(r => r.At);
    }

    public async Task<Result<string>> CreateAsync(Actor admin, string? name, int ownerId, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageDisplays(admin)) return Result<string>.From(Result.Forbidden("Ссылки для экранов выдаёт администратор."));
        if (string.IsNullOrWhiteSpace(name)) return Result<string>.From(Result.Invalid("Назовите экран, например «Зал заседаний, 3 этаж».", "name"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Employees.AnyAsync(e => e.Id == ownerId && e.IsActive && e.Role == AccessPolicy.DisplayOwnerRole, ct))
            return Result<string>.From(Result.Invalid("Выберите заместителя главы, чьи подразделения покажет экран.", "owner"));
        var (link, token) = DisplayLink.Create(name.Trim(), ownerId, admin.EmployeeId, time.UtcNow);
        db.Add(link);
        await db.SaveChangesAsync(ct);
        var owner = await db.Employees.Where(e => e.Id == ownerId).Select(e => e.FullName).FirstAsync(ct);
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, admin.EmployeeId, admin.FullName, AuditActions.DisplayLinkCreated, nameof(DisplayLink),
            link.Id.ToString(CultureInfo.InvariantCulture), $"Выдана ссылка для экрана «{link.Name}»", [$"Панель контроля: {owner}"]));
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The deputy heads a wall can be set up for.</summary>
    public async Task<IReadOnlyList<Orders.PersonRef>> OwnersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Employees.AsNoTracking().Where(e => e.IsActive && e.Role == AccessPolicy.DisplayOwnerRole).OrderBy(e => e.FullName)
            .Select(e => new Orders.PersonRef(e.Id, e.FullName, e.Position, e.Department!.ShortName)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<DisplayLinkItem>> ListAsync(Actor admin, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageDisplays(admin)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DisplayLinks.AsNoTracking().OrderByDescending(l => l.CreatedAt)
            .Select(l => new DisplayLinkItem(l.Id, l.Name, db.Employees.Where(e => e.Id == l.OwnerId).Select(e => e.FullName).First(),
                l.CreatedAt, l.RevokedAt, l.LastSeenAt))
            .ToListAsync(ct);
    }

    public async Task<Result> RevokeAsync(Actor admin, int id, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageDisplays(admin)) return Result.Forbidden("Отзывать ссылки может администратор.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.DisplayLinks.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (link is null) return Result.Invalid("Ссылка не найдена.");
        if (link.RevokedAt is not null) return Result.Success;
        link.Revoke(time.UtcNow);
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, admin.EmployeeId, admin.FullName, AuditActions.DisplayLinkRevoked, nameof(DisplayLink),
            link.Id.ToString(CultureInfo.InvariantCulture), $"Отозвана ссылка для экрана «{link.Name}»"));
        await db.SaveChangesAsync(ct);
        Revoked?.Invoke(id);
        RevokedHere?.Invoke(id);
        return Result.Success;
    }

    /// <summary>The link and the read-only view it opens, or null for an unknown, forged or revoked token.</summary>
    public async Task<(int LinkId, string Name, Actor Viewer)?> ResolveAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = DisplayLink.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.DisplayLinks.FirstOrDefaultAsync(l => l.TokenHash == hash && l.RevokedAt == null, ct);
        if (link is null) return null;
        var viewer = await directory.FindByEmployeeIdAsync(link.OwnerId, ct);
        if (viewer is null) return null;
        link.Seen(time.UtcNow);
        await db.SaveChangesAsync(ct);
        return (link.Id, link.Name, viewer);
    }
}
