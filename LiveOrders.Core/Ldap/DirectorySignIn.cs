using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Ldap;

public enum DirectorySignInOutcome
{
    SignedIn,
    InvalidCredentials,
    Unavailable,
    /// <summary>The password was right, but the person has no employee here and their groups place them nowhere.</summary>
    NoEmployee,
}

public sealed record DirectorySignInResult(DirectorySignInOutcome Outcome, string? UserId = null);

/// <summary>
/// Sign-in through the directory: the bind proves the password, then the person's account is found (by login, or by
/// e-mail among accounts without a local password), created when their groups place them in a department, and kept in
/// the role and department their groups give. The directory is the source the administrator configured, so what it
/// creates and changes is written to the audit log as the system's doing.
/// </summary>
public sealed class DirectorySignIn(
    LdapDirectory ldap,
    IOptionsMonitor<DirectoryOptions> options,
    IDbContextFactory<LiveOrdersDbContext> dbFactory,
    ActorDirectory actors,
    TimeProvider clock,
    ILogger<DirectorySignIn> logger)
{
    /// <summary>How the audit log names the directory as the author of a change.</summary>
    public const string AuditActorName = "Каталог LDAP";

    public bool Enabled => options.CurrentValue.Enabled;

    public async Task<DirectorySignInResult> SignInAsync(string login, string password, CancellationToken ct = default)
    {
        var answer = await ldap.AuthenticateAsync(login, password, ct);
        if (answer.Status == DirectoryStatus.Unavailable) return new(DirectorySignInOutcome.Unavailable);
        if (answer.Status != DirectoryStatus.Success || answer.Person is null) return new(DirectorySignInOutcome.InvalidCredentials);

        var person = answer.Person;
        // The account is named by the directory's own attribute, not by what was typed.
        if (!PersonAccounts.IsValidLogin(person.Login))
        {
            logger.LogWarning("Каталог: у {Dn} нет подходящего имени входа ({Attribute})", person.Dn, options.CurrentValue.LoginAttribute);
            return new(DirectorySignInOutcome.NoEmployee);
        }
        var placement = DirectoryMapping.Resolve(options.CurrentValue.GroupMappings, person.Groups);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = PersonAccounts.NormalizeLogin(person.Login);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        if (user is null && person.Email is not null)
        {
            // By e-mail only into accounts without a local password: a person who can edit their own «mail» in the
            // directory must not become a local administrator who happens to share it.
            var email = person.Email.Trim().ToUpperInvariant();
            user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == email && u.PasswordHash == null, ct);
        }
        // An account with a local password signs in with that password only; the directory never opens it.
        if (user?.PasswordHash is not null) return new(DirectorySignInOutcome.InvalidCredentials);

        var employee = user is null ? null : await db.Employees.FirstOrDefaultAsync(e => e.UserId == user.Id, ct);
        if (user is not null && employee is null) return new(DirectorySignInOutcome.NoEmployee);

        var department = await FindDepartmentAsync(db, placement.Department, ct);
        if (employee is null)
        {
            if (department is null) return new(DirectorySignInOutcome.NoEmployee);
            var created = await CreateAsync(db, person, placement, department, ct);
            return new(DirectorySignInOutcome.SignedIn, created.UserId);
        }

        if (!employee.IsActive) return new(DirectorySignInOutcome.NoEmployee);
        if (await ApplyPlacementAsync(db, employee, placement.Role, department, ct)) actors.Invalidate(employee.Id);
        return new(DirectorySignInOutcome.SignedIn, employee.UserId);
    }

    private async Task<Department?> FindDepartmentAsync(LiveOrdersDbContext db, string? name, CancellationToken ct)
    {
        if (name is null) return null;
        var departments = await db.Departments.Where(d => d.IsActive).ToListAsync(ct);
        var department = departments.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? departments.FirstOrDefault(d => string.Equals(d.ShortName, name, StringComparison.OrdinalIgnoreCase));
        if (department is null) logger.LogWarning("Каталог: подразделение «{Department}» из GroupMappings не найдено", name);
        return department;
    }

    private async Task<Employee> CreateAsync(LiveOrdersDbContext db, DirectoryPerson person, DirectoryPlacement placement, Department department, CancellationToken ct)
    {
        var role = placement.Role ?? Role.Employee;
        var employee = new Employee
        {
            FullName = string.IsNullOrWhiteSpace(person.FullName) ? person.Login : person.FullName.Trim(),
            Position = string.IsNullOrWhiteSpace(person.Title) ? role.Russian() : person.Title.Trim(),
            DepartmentId = department.Id,
            Role = role,
            Email = string.IsNullOrWhiteSpace(person.Email) ? null : person.Email.Trim(),
        };
        // One transaction: the account, the employee and the audit entry that names the employee's id.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        PersonAccounts.Add(db, person.Login, password: null, employee);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow().UtcDateTime, null, AuditActorName, "employee.created", nameof(Employee),
            employee.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Сотрудник {employee.FullName} создан при первом входе через каталог ({person.Login})",
            [$"Подразделение: {department.Name}", $"Роль: {role.Russian()}", $"Запись каталога: {person.Dn}"]));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return employee;
    }

    /// <summary>Moves the employee to the role and department the groups give now; returns whether anything changed.</summary>
    private async Task<bool> ApplyPlacementAsync(LiveOrdersDbContext db, Employee employee, Role? role, Department? department, CancellationToken ct)
    {
        var changes = new List<string>();
        if (role is { } newRole && newRole != employee.Role)
        {
            changes.Add($"Роль: {employee.Role.Russian()} → {newRole.Russian()}");
            employee.Role = newRole;
        }
        if (department is not null && department.Id != employee.DepartmentId)
        {
            var old = await db.Departments.Where(d => d.Id == employee.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct);
            changes.Add($"Подразделение: {old} → {department.Name}");
            employee.DepartmentId = department.Id;
        }
        if (changes.Count == 0) return false;
        db.AuditEntries.Add(AuditEntry.Create(clock.GetUtcNow().UtcDateTime, null, AuditActorName, "employee.directory-synced", nameof(Employee),
            employee.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Группы каталога изменили роль или подразделение сотрудника {employee.FullName}", changes));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
