using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static LiveOrders.Core.Organization.AdministrationRules;

namespace LiveOrders.Core.Organization;

/// <summary>
/// The administrator's use cases for people and their accounts. Each is one transaction with its audit entry; a person
/// whose rights changed is invalidated after the commit (their open screens reload or stop), and switching someone off
/// also ends every cookie of theirs. The last active administrator can neither be switched off nor lose the role.
/// </summary>
public sealed class PeopleAdministration(IDbContextFactory<LiveOrdersDbContext> dbFactory, ActorDirectory directory, TimeProvider time)
{
    public const int NameMaxLength = 200;
    public const string LastAdministratorMessage =
        "Это последний действующий администратор: без него систему некому будет настраивать. Сначала назначьте администратором другого сотрудника.";

    private static readonly PasswordHasher<IdentityUser> Hasher = new();
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    public async Task<Result<IReadOnlyList<PersonRow>>> ListAsync(Actor actor, PeopleFilter filter, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Видеть список сотрудников для правки") is { } refusal) return Result<IReadOnlyList<PersonRow>>.From(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Employees.AsNoTracking().AsQueryable();
        if (filter.DepartmentId is { } departmentId) query = query.Where(e => e.DepartmentId == departmentId);
        if (filter.Role is { } role) query = query.Where(e => e.Role == role);
        if (filter.Active is { } active) query = query.Where(e => e.IsActive == active);
        var rows = await query
            .Select(e => new { Employee = e, Department = e.Department!.Name, User = db.Users.FirstOrDefault(u => u.Id == e.UserId) })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        // SQLite's LIKE ignores case only for Latin letters: names are matched here.
        var text = Clean(filter.Text);
        return rows
            .Where(r => text is null || r.Employee.FullName.Contains(text, StringComparison.CurrentCultureIgnoreCase)
                || (r.User?.UserName?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
                || (r.Employee.Email?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
                || r.Employee.Position.Contains(text, StringComparison.CurrentCultureIgnoreCase))
            .OrderBy(r => r.Employee.FullName, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => Row(r.Employee, r.Department, r.User, now))
            .ToList();
    }

    public async Task<Result<PersonRow>> GetAsync(Actor actor, int employeeId, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Видеть сотрудников для правки") is { } refusal) return Result<PersonRow>.From(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Employees.AsNoTracking().Where(e => e.Id == employeeId)
            .Select(e => new { Employee = e, Department = e.Department!.Name, User = db.Users.FirstOrDefault(u => u.Id == e.UserId) })
            .FirstOrDefaultAsync(ct);
        if (found is null) return Result<PersonRow>.From(Result.Invalid("Сотрудник не найден."));
        return Row(found.Employee, found.Department, found.User, time.GetUtcNow());
    }

    /// <summary>Creates the person with an account and a one-time password, returned once and stored only hashed.</summary>
    public async Task<Result<CreatedPerson>> CreateAsync(Actor actor, PersonForm form, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Добавлять сотрудников") is { } refusal) return Result<CreatedPerson>.From(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (clean, invalid) = await CheckAsync(db, form, null, null, ct);
        if (invalid is not null) return Result<CreatedPerson>.From(invalid);

        var employee = new Employee
        {
            FullName = clean!.FullName!, Position = clean.Position!, Email = clean.Email, DepartmentId = clean.DepartmentId, Role = clean.Role,
        };
        var password = PersonAccounts.TemporaryPassword();
        PersonAccounts.Add(db, clean.Login!, password, employee);
        await PersonAccounts.RequirePasswordChangeAsync(db, employee.UserId!, ct);
        await db.SaveChangesAsync(ct);

        var changes = new List<string>();
        Line(changes, "Логин", null, clean.Login);
        Line(changes, "ФИО", null, employee.FullName);
        Line(changes, "Должность", null, employee.Position);
        Line(changes, "E-mail", null, employee.Email);
        Line(changes, "Подразделение", null, await DepartmentNameAsync(db, employee.DepartmentId, ct));
        Line(changes, "Роль", null, employee.Role.Russian());
        var demoted = await DemoteOtherHeadsAsync(db, employee, changes, ct);
        db.AuditEntries.Add(Entry(actor, "person.created", employee.Id, $"Добавлен сотрудник {employee.FullName} (логин {clean.Login})", changes));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        foreach (var id in demoted) directory.Invalidate(id);
        return new CreatedPerson(employee.Id, clean.Login!, password);
    }

    /// <summary>Login, name, position, e-mail, department and role at once, over what the administrator saw (<paramref name="version"/>).</summary>
    public Task<Result> UpdateAsync(Actor actor, int employeeId, PersonForm form, string? version, CancellationToken ct = default) =>
        ChangeAsync(actor, employeeId, version, _ => form, ct);

    public Task<Result> MoveAsync(Actor actor, int employeeId, int departmentId, string? version, CancellationToken ct = default) =>
        ChangeAsync(actor, employeeId, version, current => current with { DepartmentId = departmentId }, ct);

    public Task<Result> ChangeRoleAsync(Actor actor, int employeeId, Role role, string? version, CancellationToken ct = default) =>
        ChangeAsync(actor, employeeId, version, current => current with { Role = role }, ct);

    private async Task<Result> ChangeAsync(Actor actor, int employeeId, string? version, Func<PersonForm, PersonForm> edit, CancellationToken ct)
    {
        if (Refusal(actor, directory, "Изменять сотрудников") is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return Result.Invalid("Сотрудник не найден.");
        var user = employee.UserId is { } userId ? await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) : null;
        if (version is not null && VersionOfPerson(employee, user) != version) return Result.Conflict(ConflictMessage);

        var current = new PersonForm(user?.UserName, employee.FullName, employee.Position, employee.Email, employee.DepartmentId, employee.Role);
        var (form, invalid) = await CheckAsync(db, edit(current), employee, user, ct);
        if (invalid is not null) return invalid;
        if (employee.IsActive && employee.Role == Role.Administrator && form!.Role != Role.Administrator && !await AnotherAdministratorAsync(db, employee.Id, ct))
            return Result.Invalid(LastAdministratorMessage, "role");
        if (!employee.IsActive && form!.DepartmentId != employee.DepartmentId && !await db.Departments.AnyAsync(d => d.Id == form.DepartmentId && d.IsActive, ct))
            return Result.Invalid("Подразделение не найдено или отключено.", "department");

        var changes = new List<string>();
        if (user is not null) Line(changes, "Логин", user.UserName, form!.Login);
        Line(changes, "ФИО", employee.FullName, form!.FullName);
        Line(changes, "Должность", employee.Position, form.Position);
        Line(changes, "E-mail", employee.Email, form.Email);
        Line(changes, "Подразделение", await DepartmentNameAsync(db, employee.DepartmentId, ct), await DepartmentNameAsync(db, form.DepartmentId, ct));
        Line(changes, "Роль", employee.Role.Russian(), form.Role.Russian());
        if (changes.Count == 0) return Result.Success;

        var accessChanged = employee.DepartmentId != form.DepartmentId || employee.Role != form.Role || employee.FullName != form.FullName;
        var action = changes.Count == 1 && employee.DepartmentId != form.DepartmentId ? "person.moved"
            : changes.Count == 1 && employee.Role != form.Role ? "person.role" : "person.updated";
        if (employee.Role == Role.DeputyHead && form.Role != Role.DeputyHead) await DropCuratorshipsAsync(db, employee, changes, ct);
        employee.FullName = form.FullName!;
        employee.Position = form.Position!;
        employee.Email = form.Email;
        employee.DepartmentId = form.DepartmentId;
        employee.Role = form.Role;
        if (user is not null)
        {
            user.UserName = form.Login;
            user.NormalizedUserName = PersonAccounts.NormalizeLogin(form.Login!);
            user.Email = form.Email;
            user.NormalizedEmail = form.Email is null ? null : Normalizer.NormalizeEmail(form.Email);
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        var demoted = employee.IsActive ? await DemoteOtherHeadsAsync(db, employee, changes, ct) : [];
        db.AuditEntries.Add(Entry(actor, action, employee.Id, $"Изменён сотрудник {employee.FullName}", changes));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        if (accessChanged) directory.Invalidate(employee.Id);
        foreach (var id in demoted) directory.Invalidate(id);
        return Result.Success;
    }

    /// <summary>
    /// Switches the person off: they cannot sign in (the account is locked for good), every cookie of theirs ends
    /// (a new security stamp) and their open screens stop. Their orders stay as they are, listed by
    /// <see cref="OpenOrdersAsync"/> for the heads to reassign.
    /// </summary>
    public async Task<Result> DeactivateAsync(Actor actor, int employeeId, string? version = null, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Отключать сотрудников") is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return Result.Invalid("Сотрудник не найден.");
        var user = employee.UserId is { } userId ? await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) : null;
        if (version is not null && VersionOfPerson(employee, user) != version) return Result.Conflict(ConflictMessage);
        if (!employee.IsActive) return Result.Success;
        if (employee.Role == Role.Administrator && !await AnotherAdministratorAsync(db, employee.Id, ct)) return Result.Invalid(LastAdministratorMessage);

        var changes = new List<string> { "Действует: да → нет" };
        await DropCuratorshipsAsync(db, employee, changes, ct);
        var open = await OpenOrdersQuery(db, employee.Id).CountAsync(ct);
        if (open > 0) changes.Add($"Открытых поручений с его участием: {open} (остаются в работе, их нужно переназначить)");
        employee.IsActive = false;
        if (user is not null)
        {
            user.SecurityStamp = PersonAccounts.NewStamp();
            user.LockoutEnd = DateTimeOffset.MaxValue;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        db.AuditEntries.Add(Entry(actor, "person.deactivated", employee.Id, $"Отключён сотрудник {employee.FullName}", changes));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        directory.Invalidate(employee.Id);
        return Result.Success;
    }

    public async Task<Result> ReactivateAsync(Actor actor, int employeeId, string? version = null, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Включать сотрудников") is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var employee = await db.Employees.Include(e => e.Department).FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return Result.Invalid("Сотрудник не найден.");
        var user = employee.UserId is { } userId ? await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) : null;
        if (version is not null && VersionOfPerson(employee, user) != version) return Result.Conflict(ConflictMessage);
        if (employee.IsActive) return Result.Success;
        if (employee.Department is { IsActive: false } department)
            return Result.Invalid($"Подразделение «{department.Name}» отключено: сначала переведите сотрудника в действующее.", "department");

        employee.IsActive = true;
        var changes = new List<string> { "Действует: нет → да" };
        var demoted = await DemoteOtherHeadsAsync(db, employee, changes, ct);
        if (user is not null)
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        db.AuditEntries.Add(Entry(actor, "person.reactivated", employee.Id, $"Снова действует сотрудник {employee.FullName}", changes));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        directory.Invalidate(employee.Id);
        foreach (var id in demoted) directory.Invalidate(id);
        return Result.Success;
    }

    /// <summary>A new one-time password (returned once); the old one and every open session of the person end.</summary>
    public async Task<Result<string>> ResetPasswordAsync(Actor actor, int employeeId, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Сбрасывать пароли") is { } refusal) return Result<string>.From(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (employee, user, invalid) = await AccountAsync(db, employeeId, ct);
        if (invalid is not null) return Result<string>.From(invalid);
        var password = PersonAccounts.TemporaryPassword();
        user!.PasswordHash = Hasher.HashPassword(user, password);
        user.SecurityStamp = PersonAccounts.NewStamp();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await PersonAccounts.RequirePasswordChangeAsync(db, user.Id, ct);
        db.AuditEntries.Add(Entry(actor, "person.password", employee!.Id, $"Сброшен пароль: {employee.FullName}",
            ["Пароль: заменён одноразовым (сменить при входе)", "Открытые сеансы: завершены"]));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return password;
    }

    /// <summary>Lifts a lockout after too many wrong passwords.</summary>
    public async Task<Result> UnlockAsync(Actor actor, int employeeId, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Снимать блокировку") is { } refusal) return refusal;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (employee, user, invalid) = await AccountAsync(db, employeeId, ct);
        if (invalid is not null) return invalid;
        var wasLocked = user!.LockoutEnd is { } end && end > time.GetUtcNow();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        db.AuditEntries.Add(Entry(actor, "person.unlocked", employee!.Id, $"Снята блокировка входа: {employee.FullName}",
            [$"Блокировка: {(wasLocked ? "да" : "нет")} → нет"]));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Success;
    }

    /// <summary>Open orders the person is responsible for, co-executes or wrote, so nothing of theirs is lost when they leave.</summary>
    public async Task<Result<IReadOnlyList<PersonOpenOrder>>> OpenOrdersAsync(Actor actor, int employeeId, CancellationToken ct = default)
    {
        if (Refusal(actor, directory, "Видеть поручения сотрудника") is { } refusal) return Result<IReadOnlyList<PersonOpenOrder>>.From(refusal);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = await OpenOrdersQuery(db, employeeId).OrderBy(o => o.DueAt)
            .Select(o => new
            {
                o.Id, o.Number, o.Title, o.ResponsibleId, o.AuthorId,
                Executing = db.Departments.Where(d => d.Id == o.ExecutingDepartmentId).Select(d => d.ShortName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return orders.Select(o => new PersonOpenOrder(o.Id, o.Number, o.Title, o.Executing ?? "",
            o.ResponsibleId == employeeId ? "ответственный" : o.AuthorId == employeeId ? "автор" : "соисполнитель")).ToList();
    }

    private static IQueryable<Order> OpenOrdersQuery(LiveOrdersDbContext db, int employeeId) =>
        db.Orders.Where(o => (o.Status == OrderStatus.Draft || o.Status == OrderStatus.New || o.Status == OrderStatus.InProgress
                || o.Status == OrderStatus.OnReview || o.Status == OrderStatus.Declined)
            && (o.ResponsibleId == employeeId || o.AuthorId == employeeId || o.CoExecutors.Any(c => c.EmployeeId == employeeId)));

    private async Task<(Employee?, IdentityUser?, Result?)> AccountAsync(LiveOrdersDbContext db, int employeeId, CancellationToken ct)
    {
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return (null, null, Result.Invalid("Сотрудник не найден."));
        if (!employee.IsActive) return (null, null, Result.Invalid("Сотрудник отключён: сначала включите его."));
        var user = employee.UserId is { } userId ? await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) : null;
        if (user is null) return (null, null, Result.Invalid("У сотрудника нет учётной записи для входа по паролю."));
        return (employee, user, null);
    }

    private static async Task<(PersonForm?, Result?)> CheckAsync(LiveOrdersDbContext db, PersonForm form, Employee? employee, IdentityUser? user,
        CancellationToken ct)
    {
        var login = form.Login?.Trim();
        var hasAccount = employee is null || user is not null;
        if (hasAccount)
        {
            if (string.IsNullOrEmpty(login)) return (null, Result.Invalid("Укажите логин.", "login"));
            if (!PersonAccounts.IsValidLogin(login))
                return (null, Result.Invalid($"Логин — латинские буквы, цифры и «._-», не длиннее {PersonAccounts.LoginMaxLength} знаков.", "login"));
            var normalized = PersonAccounts.NormalizeLogin(login);
            if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized && u.Id != (user == null ? "" : user.Id), ct))
                return (null, Result.Invalid($"Логин «{login}» уже занят.", "login"));
        }
        var fullName = Clean(form.FullName);
        if (fullName is null) return (null, Result.Invalid("Укажите ФИО.", "fullName"));
        if (fullName.Length > NameMaxLength) return (null, Result.Invalid($"ФИО длиннее {NameMaxLength} знаков.", "fullName"));
        var position = Clean(form.Position);
        if (position is null) return (null, Result.Invalid("Укажите должность.", "position"));
        if (position.Length > NameMaxLength) return (null, Result.Invalid($"Должность длиннее {NameMaxLength} знаков.", "position"));
        var email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim();
        if (email is not null && !IsValidEmail(email)) return (null, Result.Invalid("E-mail указан неверно: нужен адрес вида name@example.ru.", "email"));
        if (!Enum.IsDefined(form.Role)) return (null, Result.Invalid("Выберите роль.", "role"));
        var departmentChanged = employee is null || employee.DepartmentId != form.DepartmentId;
        if (departmentChanged && !await db.Departments.AnyAsync(d => d.Id == form.DepartmentId && d.IsActive, ct))
            return (null, Result.Invalid("Выберите действующее подразделение.", "department"));
        return (form with { Login = login, FullName = fullName, Position = position, Email = email }, null);
    }

    private static Task<bool> AnotherAdministratorAsync(LiveOrdersDbContext db, int employeeId, CancellationToken ct) =>
        db.Employees.AnyAsync(e => e.Id != employeeId && e.IsActive && e.Role == Role.Administrator, ct);

    /// <summary>A department has one head: when someone becomes it, whoever headed it becomes an employee.</summary>
    private static async Task<List<int>> DemoteOtherHeadsAsync(LiveOrdersDbContext db, Employee head, List<string> changes, CancellationToken ct)
    {
        if (head.Role != Role.DepartmentHead) return [];
        var others = await db.Employees
            .Where(e => e.DepartmentId == head.DepartmentId && e.Id != head.Id && e.IsActive && e.Role == Role.DepartmentHead).ToListAsync(ct);
        foreach (var other in others)
        {
            other.Role = Role.Employee;
            changes.Add($"Роль ({other.FullName}): «{Role.DepartmentHead.Russian()}» → «{Role.Employee.Russian()}»");
        }
        return others.Select(o => o.Id).ToList();
    }

    /// <summary>A person who is no longer a deputy head supervises nothing: the departments lose their curator, visibly in the log.</summary>
    private static async Task DropCuratorshipsAsync(LiveOrdersDbContext db, Employee employee, List<string> changes, CancellationToken ct)
    {
        var curated = await db.Departments.Where(d => d.CuratorId == employee.Id).ToListAsync(ct);
        foreach (var department in curated)
        {
            department.CuratorId = null;
            changes.Add($"Куратор подразделения «{department.Name}»: «{employee.FullName}» → —");
        }
    }

    private static Task<string?> DepartmentNameAsync(LiveOrdersDbContext db, int departmentId, CancellationToken ct) =>
        db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).FirstOrDefaultAsync(ct);

    internal static string VersionOfPerson(Employee e, IdentityUser? user) =>
        VersionOf(e.FullName, e.Position, e.Email, e.DepartmentId, e.Role, e.IsActive, user?.UserName);

    private static PersonRow Row(Employee e, string department, IdentityUser? user, DateTimeOffset now) =>
        new(e.Id, user?.UserName, e.FullName, e.Position, e.Email, e.DepartmentId, department, e.Role, e.IsActive,
            e.IsActive && user?.LockoutEnd is { } end && end > now, VersionOfPerson(e, user));

    private AuditEntry Entry(Actor actor, string action, int employeeId, string summary, IEnumerable<string> changes) =>
        AuditEntry.Create(time.GetUtcNow().UtcDateTime, actor.EmployeeId, actor.FullName, action, "Employee",
            employeeId.ToString(System.Globalization.CultureInfo.InvariantCulture), summary, changes);
}
