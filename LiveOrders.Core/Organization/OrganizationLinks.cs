using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Organization;

/// <summary>How an organisation identity is tied to an employee by an administrator.</summary>
public enum OrganizationLinkKind
{
    /// <summary>The provider's stable subject (<c>sub</c>, or <c>oid</c> in Entra ID).</summary>
    Subject,
    /// <summary>The value of the configured claim (e-mail or UPN), when it differs from the employee's own e-mail.</summary>
    Email,
}

public sealed record OrganizationLinkItem(int EmployeeId, string EmployeeName, string Department, OrganizationLinkKind Kind, string Value);

/// <summary>The outcome of matching a signed-in organisation identity to an employee.</summary>
public enum OrganizationMatch { Found, Unknown, Inactive, NoAccount, Ambiguous }

/// <summary>
/// Who an organisation identity is in LiveOrders: first an administrator's link (Identity's external logins,
/// <c>AspNetUserLogins</c>), then the configured claim against an employee's e-mail or login. Never creates anyone.
/// </summary>
public sealed class OrganizationLinks(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time)
{
    /// <summary>The login provider of subject links; also the authentication scheme's name.</summary>
    public const string SubjectProvider = "Organization";
    /// <summary>The login provider of e-mail/UPN links (stored upper-cased, as Identity normalises).</summary>
    public const string EmailProvider = "Organization:email";
    public const int ValueMaxLength = 128;

    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    public async Task<(OrganizationMatch Match, string? UserId)> ResolveAsync(string? subject, string? claimValue, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // An administrator's link wins over the claim: it is how a person whose e-mail differs is let in.
        var linked = await LinkedUserAsync(db, SubjectProvider, subject, ct) ?? await LinkedUserAsync(db, EmailProvider, Normalize(claimValue), ct);
        if (linked is not null)
        {
            var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.UserId == linked, ct);
            return employee is null ? (OrganizationMatch.Unknown, null)
                : employee.IsActive ? (OrganizationMatch.Found, linked) : (OrganizationMatch.Inactive, null);
        }

        var value = Normalize(claimValue);
        if (value is null) return (OrganizationMatch.Unknown, null);
        var userIds = db.Users.Where(u => u.NormalizedUserName == value).Select(u => u.Id);
        // upper() in SQLite folds ASCII only; addresses and logins are ASCII here (PersonAccounts.IsValidLogin).
        var candidates = await db.Employees.AsNoTracking()
            .Where(e => (e.Email != null && e.Email.ToUpper() == value) || (e.UserId != null && userIds.Contains(e.UserId)))
            .Select(e => new { e.IsActive, e.UserId }).ToListAsync(ct);
        var active = candidates.Where(c => c.IsActive).ToList();
        return active.Count switch
        {
            0 => (candidates.Count > 0 ? OrganizationMatch.Inactive : OrganizationMatch.Unknown, null),
            // Two people with one address: guessing would sign one of them in as the other.
            > 1 => (OrganizationMatch.Ambiguous, null),
            _ => active[0].UserId is { } userId ? (OrganizationMatch.Found, userId) : (OrganizationMatch.NoAccount, null),
        };
    }

    public async Task<IReadOnlyList<OrganizationLinkItem>> ListAsync(Actor admin, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(admin)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from login in db.UserLogins
                          where login.LoginProvider == SubjectProvider || login.LoginProvider == EmailProvider
                          join employee in db.Employees on login.UserId equals employee.UserId
                          orderby employee.FullName
                          select new { employee.Id, employee.FullName, Department = employee.Department!.ShortName, login.LoginProvider, login.ProviderKey })
            .ToListAsync(ct);
        return rows.Select(r => new OrganizationLinkItem(r.Id, r.FullName, r.Department,
            r.LoginProvider == SubjectProvider ? OrganizationLinkKind.Subject : OrganizationLinkKind.Email, r.ProviderKey)).ToList();
    }

    /// <summary>The people a link can be made for: active, with an account.</summary>
    public async Task<IReadOnlyList<Orders.PersonRef>> PeopleAsync(Actor admin, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(admin)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Employees.AsNoTracking().Where(e => e.IsActive && e.UserId != null).OrderBy(e => e.FullName)
            .Select(e => new Orders.PersonRef(e.Id, e.FullName, e.Position, e.Department!.ShortName)).ToListAsync(ct);
    }

    public async Task<Result> LinkAsync(Actor admin, int employeeId, OrganizationLinkKind kind, string? value, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(admin)) return Result.Forbidden("Привязывать входы может администратор.");
        var key = kind == OrganizationLinkKind.Email ? Normalize(value) : value?.Trim();
        if (string.IsNullOrEmpty(key) || key.Any(char.IsControl))
            return Result.Invalid(kind == OrganizationLinkKind.Email ? "Укажите адрес или UPN из учётной записи организации." : "Укажите идентификатор (sub) из учётной записи организации.", "value");
        if (key.Length > ValueMaxLength) return Result.Invalid($"Не длиннее {ValueMaxLength} символов.", "value");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return Result.Invalid("Выберите сотрудника.", "employee");
        if (employee.UserId is null) return Result.Invalid("У сотрудника нет учётной записи LiveOrders: сначала создайте её.", "employee");
        var provider = ProviderOf(kind);
        var taken = await (from login in db.UserLogins
                           where login.LoginProvider == provider && login.ProviderKey == key
                           join other in db.Employees on login.UserId equals other.UserId into owners
                           from other in owners.DefaultIfEmpty()
                           select other == null ? "" : other.FullName).FirstOrDefaultAsync(ct);
        if (taken is not null)
            return Result.Invalid(taken.Length == 0 ? "Этот вход уже привязан к другой учётной записи." : $"Этот вход уже привязан: {taken}.", "value");

        db.UserLogins.Add(new IdentityUserLogin<string> { LoginProvider = provider, ProviderKey = key, ProviderDisplayName = "Организация", UserId = employee.UserId });
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, admin.EmployeeId, admin.FullName, "signin-link.added", nameof(Employee), employee.Id.ToString(),
            $"Вход через организацию привязан к сотруднику «{employee.FullName}»: {KindText(kind)} {key}"));
        await db.SaveChangesAsync(ct);
        return Result.Success;
    }

    public async Task<Result> UnlinkAsync(Actor admin, int employeeId, OrganizationLinkKind kind, string value, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanManageOrganization(admin)) return Result.Forbidden("Отвязывать входы может администратор.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        var provider = ProviderOf(kind);
        var login = employee?.UserId is null ? null
            : await db.UserLogins.FirstOrDefaultAsync(l => l.LoginProvider == provider && l.ProviderKey == value && l.UserId == employee.UserId, ct);
        if (employee is null || login is null) return Result.Invalid("Привязка не найдена: возможно, её уже сняли.");
        db.UserLogins.Remove(login);
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, admin.EmployeeId, admin.FullName, "signin-link.removed", nameof(Employee), employee.Id.ToString(),
            $"Вход через организацию отвязан от сотрудника «{employee.FullName}»: {KindText(kind)} {value}"));
        await db.SaveChangesAsync(ct);
        return Result.Success;
    }

    private static string ProviderOf(OrganizationLinkKind kind) => kind == OrganizationLinkKind.Email ? EmailProvider : SubjectProvider;

    public static string KindText(OrganizationLinkKind kind) => kind == OrganizationLinkKind.Email ? "адрес/UPN" : "идентификатор";

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : Normalizer.NormalizeEmail(value.Trim());

    private static async Task<string?> LinkedUserAsync(LiveOrdersDbContext db, string provider, string? key, CancellationToken ct) =>
        string.IsNullOrEmpty(key) ? null
            : await db.UserLogins.Where(l => l.LoginProvider == provider && l.ProviderKey == key).Select(l => l.UserId).FirstOrDefaultAsync(ct);
}
