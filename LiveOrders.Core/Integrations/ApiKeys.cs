using System.Collections.Concurrent;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Integrations;

public sealed record ApiKeyRequest(string? Name, int? EmployeeId, IReadOnlyCollection<int>? DepartmentIds, bool CanWrite);

/// <summary>A key just issued: its secret, shown to the administrator this once.</summary>
public sealed record IssuedApiKey(int Id, string Name, string Secret);

public sealed record ApiKeyItem(int Id, string Name, string Prefix, string Employee, IReadOnlyList<string> Departments, bool CanWrite,
    DateTime CreatedAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>Who a presented key lets in: the employee it acts as, narrowed to its departments and access.</summary>
public sealed record ApiKeyIdentity(int KeyId, string Name, int EmployeeId, IReadOnlyList<int> DepartmentIds, bool CanWrite);

/// <summary>
/// Issues, lists, revokes and checks API keys. Only an administrator manages them (<see cref="AccessPolicy.CanManageApiKeys"/>),
/// and each issue and revocation is in the audit log, written in the same transaction.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time)
{
    /// <summary>«Последнее использование» is a fact for people, not a log: recorded at most this often per key.</summary>
    public static readonly TimeSpan UsageResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, DateTime> _usageRecorded = new();

    /// <summary>Raised with the key's id after a revocation has committed, so open hub connections on it close at once.</summary>
    public event Action<int>? Revoked;

    /// <summary>Raised with the key's id when it was revoked on this node, for the cross-node relay to pass on.</summary>
    public event Action<int>? RevokedHere;

    /// <summary>A key revoked on another node: its hub connections here close too.</summary>
    public void RevokedElsewhere(int id) => Revoked?.Invoke(id);

    /// <summary>
    /// Revocations on other nodes may have been lost on the way: the keys revoked since <paramref name="since"/> (all when
    /// none) are announced again. Returns the latest revocation's stamp.
    /// </summary>
    public async Task<DateTime?> AnnounceRevokedAsync(DateTime? since = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var revoked = await db.ApiKeys.AsNoTracking()
            .Where(k => k.RevokedAt != null && (since == null || k.RevokedAt >= since))
            .Select(k => new { k.Id, At = k.RevokedAt!.Value }).ToListAsync(ct);
        foreach (var r in revoked) Revoked?.Invoke(r.Id);
        return revoked.Count == 0 ? null : revoked.Max(r => r.At);
    }

    public async Task<Result<IssuedApiKey>> IssueAsync(Actor admin, ApiKeyRequest request, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageApiKeys(admin)) return Result<IssuedApiKey>.From(Result.Forbidden("Ключи доступа выдаёт администратор."));
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return Invalid("Назовите ключ, например «СЭД «Дело»».", "name");
        if (name.Length > ApiKey.NameMaxLength) return Invalid($"Название не длиннее {ApiKey.NameMaxLength} символов.", "name");
        if (request.EmployeeId is not { } employeeId) return Invalid("Выберите сотрудника, от имени которого будет действовать система.", "employee");
        var departments = (request.DepartmentIds ?? []).Distinct().ToList();
        if (departments.Count == 0) return Invalid("Выберите хотя бы одно подразделение.", "departments");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employeeId && e.IsActive, ct);
        if (employee is null) return Invalid("Сотрудник не найден или отключён.", "employee");
        var known = await db.Departments.Where(d => d.IsActive && departments.Contains(d.Id)).Select(d => d.ShortName).ToListAsync(ct);
        if (known.Count != departments.Count) return Invalid("Подразделение не найдено или отключено.", "departments");

        var now = time.UtcNow;
        var (key, secret) = ApiKey.Create(name, employeeId, departments, request.CanWrite, admin.EmployeeId, now);
        // The key's id exists only after the insert; the audit entry joins it in the same transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditEntry.Create(now, admin.EmployeeId, admin.FullName, "apikey.issued", nameof(ApiKey), key.Id.ToString(),
            $"Выдан ключ доступа «{key.Name}» ({ApiKey.TokenPrefix}{key.Prefix}…)",
            [
                $"Сотрудник: {employee.FullName}",
                $"Подразделения: {string.Join(", ", known.Order())}",
                $"Доступ: {AccessText(key.CanWrite)}",
            ]));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new IssuedApiKey(key.Id, key.Name, secret);
    }

    public async Task<IReadOnlyList<ApiKeyItem>> ListAsync(Actor admin, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageApiKeys(admin)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().Include(k => k.Departments).OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.ShortName, ct);
        var employeeIds = keys.Select(k => k.EmployeeId).Distinct().ToList();
        var employees = await db.Employees.AsNoTracking().Where(e => employeeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.FullName, ct);
        return keys.Select(k => new ApiKeyItem(k.Id, k.Name, ApiKey.TokenPrefix + k.Prefix, employees.GetValueOrDefault(k.EmployeeId, "—"),
                k.Departments.Select(d => departments.GetValueOrDefault(d.DepartmentId, "—")).Order().ToList(), k.CanWrite,
                k.CreatedAt, k.RevokedAt, k.LastUsedAt))
            .ToList();
    }

    public async Task<Result> RevokeAsync(Actor admin, int id, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageApiKeys(admin)) return Result.Forbidden("Отзывать ключи доступа может администратор.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return Result.Invalid("Ключ не найден.");
        if (key.IsRevoked) return Result.Success;
        var now = time.UtcNow;
        key.Revoke(now);
        db.AuditEntries.Add(AuditEntry.Create(now, admin.EmployeeId, admin.FullName, "apikey.revoked", nameof(ApiKey), key.Id.ToString(),
            $"Отозван ключ доступа «{key.Name}» ({ApiKey.TokenPrefix}{key.Prefix}…)"));
        await db.SaveChangesAsync(ct);
        Revoked?.Invoke(id);
        RevokedHere?.Invoke(id);
        return Result.Success;
    }

    /// <summary>
    /// The key a presented secret belongs to, or null for anything else: malformed, unknown, a wrong secret behind a real
    /// prefix, revoked, or acting as a switched-off employee. One indexed read; the secret is compared in constant time.
    /// </summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        // Longer than any key we issue: not worth hashing.
        if (presented is null || presented.Length > 100 || ApiKey.PrefixOf(presented) is not { } prefix) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().Include(k => k.Departments).FirstOrDefaultAsync(k => k.Prefix == prefix, ct);
        // An unknown prefix costs the same hash as a known one, so the time says nothing more than the answer.
        if (key is null)
        {
            _ = ApiKey.Hash(presented);
            return null;
        }
        if (!key.Matches(presented) || key.IsRevoked) return null;
        if (!await db.Employees.AnyAsync(e => e.Id == key.EmployeeId && e.IsActive, ct)) return null;

        await RecordUseAsync(db, key, ct);
        return new ApiKeyIdentity(key.Id, key.Name, key.EmployeeId, key.Departments.Select(d => d.DepartmentId).ToList(), key.CanWrite);
    }

    /// <summary>
    /// Writes «последнее использование» at most once per <see cref="UsageResolution"/> per key: a busy integration costs one
    /// small update a minute, not one per request. The conditional update keeps two nodes (or two requests) from both writing.
    /// </summary>
    private async Task RecordUseAsync(LiveOrdersDbContext db, ApiKey key, CancellationToken ct)
    {
        var now = time.UtcNow;
        var due = now - UsageResolution;
        if (key.LastUsedAt > due) return;
        if (_usageRecorded.TryGetValue(key.Id, out var recorded) && recorded > due) return;
        _usageRecorded[key.Id] = now;
        await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= due))
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.LastUsedAt, now), ct);
    }

    /// <summary>The people a key can act as, with their departments, for the issue dialog.</summary>
    public async Task<IReadOnlyList<PersonRef>> EmployeesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Employees.AsNoTracking().Where(e => e.IsActive).OrderBy(e => e.FullName)
            .Select(e => new PersonRef(e.Id, e.FullName, e.Position, e.Department!.ShortName)).ToListAsync(ct);
    }

    public static string AccessText(bool canWrite) => canWrite ? "чтение и запись" : "только чтение";

    private static Result<IssuedApiKey> Invalid(string message, string field) => Result<IssuedApiKey>.From(Result.Invalid(message, field));
}
