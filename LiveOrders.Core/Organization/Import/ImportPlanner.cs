using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using static LiveOrders.Core.Organization.Import.StructureColumns;

namespace LiveOrders.Core.Organization.Import;

/// <summary>
/// Compares a file with the organisation and says, row by row, what importing it would do. The file and the
/// database together make one picture: a row may name a department or a curator that another row of the file
/// creates. Empty optional cells leave what is recorded; a department without a parent is created at the top.
/// Administrators are out of the import's reach: it neither grants the role nor changes an administrator.
/// </summary>
internal sealed partial class ImportPlanner
{
    internal sealed class DepartmentNode
    {
        public required string Name { get; init; }
        public Department? Entity { get; set; }
        public ImportTableRow? Row { get; set; }
        public string ShortName { get; set; } = "";
        /// <summary>The parent as it will be; <see cref="ParentChanged"/> when the import changes it.</summary>
        public DepartmentNode? Parent { get; set; }
        public bool ParentChanged { get; set; }
        public PersonNode? Curator { get; set; }
        public PersonNode? CuratorBefore { get; set; }
        /// <summary>The row that set the curator, to name it when two rows disagree.</summary>
        public RowRef? CuratorSetBy { get; set; }
        public bool IsNew => Entity is null || Entity.Id == 0;
    }

    internal sealed class PersonNode
    {
        public Employee? Entity { get; set; }
        public IdentityUser? User { get; set; }
        public ImportTableRow? Row { get; set; }
        public string Login { get; set; } = "";
        public string FullName { get; set; } = "";
        public string Position { get; set; } = "";
        public string? Email { get; set; }
        public DepartmentNode? Department { get; set; }
        public Role Role { get; set; }
        public bool IsNew => Entity is null || Entity.Id == 0;
    }

    private readonly OrganizationSnapshot _db;
    private readonly IReadOnlySet<RowRef> _skipped;
    private readonly Dictionary<string, DepartmentNode> _departments = new();
    private readonly Dictionary<int, DepartmentNode> _departmentsById = new();
    private readonly Dictionary<string, PersonNode> _people = new();
    private readonly Dictionary<int, PersonNode> _peopleById = new();
    private readonly HashSet<string> _accountsWithoutPerson;
    private readonly Dictionary<RowRef, List<string>> _errors = new();
    private readonly Dictionary<RowRef, List<string>> _changes = new();
    private readonly List<(RowRef Ref, string Subject, DepartmentNode? Node)> _departmentRows = [];
    private readonly List<(RowRef Ref, string Subject, PersonNode? Node)> _personRows = [];
    /// <summary>Departments a person row asks its person to supervise: applied as curator changes.</summary>
    private readonly List<(PersonNode Person, List<DepartmentNode> Supervised)> _supervision = [];

    private ImportPlanner(OrganizationSnapshot db, IReadOnlySet<RowRef> skipped)
    {
        _db = db;
        _skipped = skipped;
        foreach (var d in db.Departments)
        {
            var node = new DepartmentNode { Name = d.Name, Entity = d, ShortName = d.ShortName };
            _departments.TryAdd(Key(d.Name), node);
            _departmentsById[d.Id] = node;
        }
        var users = db.Users.ToDictionary(u => u.Id);
        foreach (var e in db.Employees)
        {
            var user = e.UserId is { } id ? users.GetValueOrDefault(id) : null;
            var node = new PersonNode
            {
                Entity = e, User = user, Login = user?.UserName ?? "", FullName = e.FullName, Position = e.Position, Email = e.Email, Role = e.Role,
            };
            _peopleById[e.Id] = node;
            if (user?.NormalizedUserName is { } login) _people[login] = node;
        }
        foreach (var d in db.Departments)
        {
            var node = _departmentsById[d.Id];
            node.Parent = d.ParentId is { } p ? _departmentsById.GetValueOrDefault(p) : null;
            node.Curator = node.CuratorBefore = d.CuratorId is { } c ? _peopleById.GetValueOrDefault(c) : null;
        }
        var linked = db.Employees.Where(e => e.UserId is not null).Select(e => e.UserId).ToHashSet();
        _accountsWithoutPerson = db.Users.Where(u => !linked.Contains(u.Id) && u.NormalizedUserName is not null)
            .Select(u => u.NormalizedUserName!).ToHashSet();
    }

    /// <summary>The plan, and the nodes that carry it out (they hold the snapshot's entities).</summary>
    internal sealed record Result(ImportPlan Plan, ImportPlanner Planner);

    public static Result Plan(StructureFile file, OrganizationSnapshot db, IReadOnlySet<RowRef> skipped)
    {
        var planner = new ImportPlanner(db, skipped);
        var departmentRows = file.Departments?.Rows ?? [];
        var personRows = file.People?.Rows ?? [];
        foreach (var row in departmentRows) planner.ReadDepartment(row);
        foreach (var row in personRows) planner.ReadPerson(row);
        foreach (var (r, _, node) in planner._departmentRows) if (node is not null) planner.ResolveDepartment(r, node);
        foreach (var (r, _, node) in planner._personRows) if (node is not null) planner.ResolvePerson(r, node);
        planner.ApplySupervision();
        planner.CheckCycles();
        planner.CheckCurators();
        return new Result(new ImportPlan(file.FileName, planner.Rows().ToList()), planner);
    }

    public IEnumerable<DepartmentNode> DepartmentNodes => _departmentRows.Where(r => r.Node is not null).Select(r => r.Node!).Distinct();
    public IEnumerable<PersonNode> PersonNodes => _personRows.Where(r => r.Node is not null).Select(r => r.Node!).Distinct();
    public IEnumerable<DepartmentNode> AllDepartments => _departments.Values;

    private IEnumerable<ImportRowPlan> Rows()
    {
        foreach (var (r, subject, node) in _departmentRows) yield return RowPlan(r, subject, node?.IsNew == true);
        foreach (var (r, subject, node) in _personRows) yield return RowPlan(r, subject, node?.IsNew == true);
    }

    private ImportRowPlan RowPlan(RowRef r, string subject, bool isNew)
    {
        if (_skipped.Contains(r)) return new ImportRowPlan(r, subject, ImportAction.Skipped, [], []);
        var errors = _errors.GetValueOrDefault(r) ?? [];
        var changes = _changes.GetValueOrDefault(r) ?? [];
        var action = errors.Count > 0 ? ImportAction.Error
            : isNew ? ImportAction.Create
            : changes.Count > 0 ? ImportAction.Update
            : ImportAction.Unchanged;
        return new ImportRowPlan(r, subject, action, action == ImportAction.Error ? [] : changes, errors);
    }

    /// <summary>The changes a row makes, for the audit log.</summary>
    public IReadOnlyList<string> ChangesOf(RowRef r) => _changes.GetValueOrDefault(r) ?? [];

    // ---- departments ---------------------------------------------------------------------------------------

    private void ReadDepartment(ImportTableRow row)
    {
        var r = new RowRef(ImportSheet.Departments, row.Row);
        var name = Cell(r, row, DepartmentName, required: true, maxLength: 200);
        if (_skipped.Contains(r))
        {
            _departmentRows.Add((r, name, null));
            return;
        }
        var shortName = Cell(r, row, DepartmentShortName, required: true, maxLength: 60);
        Cell(r, row, DepartmentParent, required: false, maxLength: 200);
        Cell(r, row, DepartmentCurator, required: false, maxLength: PersonAccounts.LoginMaxLength);
        if (name.Length == 0)
        {
            _departmentRows.Add((r, name, null));
            return;
        }
        if (_departments.TryGetValue(Key(name), out var node))
        {
            if (node.Row is { } earlier)
            {
                Error(r, DepartmentName, $"подразделение «{name}» уже есть в строке {earlier.Row}.");
                _departmentRows.Add((r, name, null));
                return;
            }
        }
        else
        {
            node = new DepartmentNode { Name = name };
            _departments[Key(name)] = node;
        }
        node.Row = row;
        if (shortName.Length > 0) node.ShortName = shortName;
        _departmentRows.Add((r, name, node));
    }

    private void ResolveDepartment(RowRef r, DepartmentNode node)
    {
        var row = node.Row!;
        var changes = Changes(r);
        if (!node.IsNew && node.ShortName != node.Entity!.ShortName)
            changes.Add(Change(DepartmentShortName, node.Entity.ShortName, node.ShortName));

        var parentName = row[DepartmentParent];
        if (parentName.Length > 0 && !IsHostile(parentName))
        {
            var parent = FindDepartment(parentName);
            if (parent is null) Error(r, DepartmentParent, $"подразделение «{parentName}» не найдено ни в файле, ни в системе.");
            else if (parent == node) Error(r, DepartmentParent, "подразделение не может подчиняться самому себе.");
            else if (parent != node.Parent)
            {
                if (!node.IsNew) changes.Add(Change(DepartmentParent, node.Parent?.Name, parent.Name));
                node.Parent = parent;
                node.ParentChanged = true;
            }
        }

        var curatorLogin = row[DepartmentCurator];
        if (curatorLogin.Length > 0 && !IsHostile(curatorLogin))
        {
            var curator = FindPerson(curatorLogin);
            if (curator is null) Error(r, DepartmentCurator, $"сотрудник с логином «{curatorLogin}» не найден ни в файле, ни в системе.");
            else if (curator.Role != Role.DeputyHead)
                Error(r, DepartmentCurator, $"«{curatorLogin}» — не заместитель главы ({curator.Role.Russian()}); куратором может быть только заместитель главы.");
            else if (curator != node.Curator)
            {
                if (!node.IsNew) changes.Add(Change("Куратор", node.Curator?.FullName, curator.FullName));
                node.Curator = curator;
                node.CuratorSetBy = r;
            }
            else node.CuratorSetBy = r;
        }

        if (node.Entity is { IsActive: false } && changes.Count > 0)
            Error(r, DepartmentName, $"подразделение «{node.Name}» отключено; импорт его не меняет.");
        if (node.IsNew)
            changes.Add($"{DepartmentShortName}: {node.ShortName}; вышестоящее: {node.Parent?.Name ?? "—"}; куратор: {node.Curator?.FullName ?? "—"}");
    }

    private DepartmentNode? FindDepartment(string text)
    {
        if (_departments.TryGetValue(Key(text), out var byName) && IsAvailable(byName)) return byName;
        var byShort = _departments.Values.Where(d => Key(d.ShortName) == Key(text) && IsAvailable(d)).ToList();
        return byShort.Count == 1 ? byShort[0] : null;
    }

    /// <summary>A department a row may refer to: in the system and active, or created by a row that is not skipped.</summary>
    private static bool IsAvailable(DepartmentNode d) => d.Entity is { IsActive: true } || (d.Entity is null && d.Row is not null);

    // ---- people --------------------------------------------------------------------------------------------

    private void ReadPerson(ImportTableRow row)
    {
        var r = new RowRef(ImportSheet.People, row.Row);
        var login = Cell(r, row, Login, required: true, maxLength: PersonAccounts.LoginMaxLength);
        if (_skipped.Contains(r))
        {
            _personRows.Add((r, login, null));
            return;
        }
        var fullName = Cell(r, row, FullName, required: true, maxLength: 200);
        var position = Cell(r, row, Position, required: true, maxLength: 200);
        var email = Cell(r, row, Email, required: false, maxLength: 256);
        Cell(r, row, StructureColumns.Department, required: true, maxLength: 200);
        var roleText = Cell(r, row, StructureColumns.Role, required: true, maxLength: 64);
        Cell(r, row, Supervises, required: false, maxLength: 2000);

        if (login.Length > 0 && !PersonAccounts.IsValidLogin(login))
        {
            Error(r, Login, "логин может содержать только латинские буквы, цифры и символы «.», «_», «-».");
            login = "";
        }
        Role? role = null;
        if (roleText.Length > 0)
        {
            role = Enum.GetValues<Role>().Cast<Role?>().FirstOrDefault(x => Key(x!.Value.Russian()) == Key(roleText));
            if (role is null)
                Error(r, StructureColumns.Role, $"роль «{roleText}» не найдена; допустимы: {string.Join(", ", Enum.GetValues<Role>().Where(x => x != Role.Administrator).Select(x => $"«{x.Russian()}»"))}.");
        }
        if (email.Length > 0 && !IsEmail(email)) Error(r, Email, $"«{email}» не похоже на адрес электронной почты.");
        if (login.Length == 0)
        {
            _personRows.Add((r, login, null));
            return;
        }

        var key = PersonAccounts.NormalizeLogin(login);
        if (_accountsWithoutPerson.Contains(key))
        {
            Error(r, Login, $"логин «{login}» уже занят учётной записью, не связанной с сотрудником.");
            _personRows.Add((r, login, null));
            return;
        }
        if (_people.TryGetValue(key, out var node))
        {
            if (node.Row is { } earlier)
            {
                Error(r, Login, $"логин «{login}» уже встречается в строке {earlier.Row}.");
                _personRows.Add((r, login, null));
                return;
            }
        }
        else
        {
            node = new PersonNode { Login = login, Role = Role.Employee };
            _people[key] = node;
        }
        node.Row = row;

        if (fullName.Length > 0) node.FullName = fullName;
        if (position.Length > 0) node.Position = position;
        if (email.Length > 0 && IsEmail(email)) node.Email = email;
        if (role is { } known) node.Role = known;
        _personRows.Add((r, login, node));
    }

    private void ResolvePerson(RowRef r, PersonNode node)
    {
        var row = node.Row!;
        var changes = Changes(r);
        var departmentName = row[StructureColumns.Department];
        if (departmentName.Length > 0 && !IsHostile(departmentName))
        {
            var department = FindDepartment(departmentName);
            if (department is null) Error(r, StructureColumns.Department, $"подразделение «{departmentName}» не найдено ни в файле, ни в системе.");
            else node.Department = department;
        }

        if (node.Email is { } email)
        {
            var other = _people.Values.FirstOrDefault(p => p != node && string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
            if (other is not null)
                Error(r, Email, other.Row is { } at
                    ? $"адрес «{email}» уже указан в строке {at.Row}."
                    : $"адрес «{email}» уже принадлежит сотруднику «{other.FullName}».");
        }

        var supervisesText = row[Supervises];
        if (supervisesText.Length > 0 && !IsHostile(supervisesText))
        {
            var supervised = new List<DepartmentNode>();
            foreach (var name in supervisesText.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var department = FindDepartment(name);
                if (department is null) Error(r, Supervises, $"подразделение «{name}» не найдено ни в файле, ни в системе.");
                else supervised.Add(department);
            }
            if (node.Role != Role.DeputyHead)
                Error(r, Supervises, $"курировать подразделения может только заместитель главы, а роль — «{node.Role.Russian()}».");
            else _supervision.Add((node, supervised));
        }

        if (node.IsNew && node.Role == Role.Administrator || !node.IsNew && node.Role == Role.Administrator && node.Entity!.Role != Role.Administrator)
            Error(r, StructureColumns.Role, "роль «Администратор» импорт не назначает: её даёт администратор на странице сотрудника.");
        if (node.IsNew)
        {
            changes.Add($"{FullName}: {node.FullName}; {Position}: {node.Position}; {StructureColumns.Department}: {node.Department?.Name}; " +
                        $"{StructureColumns.Role}: {node.Role.Russian()}{(node.Email is null ? "" : $"; {Email}: {node.Email}")}");
            return;
        }
        var e = node.Entity!;
        if (node.FullName != e.FullName) changes.Add(Change(FullName, e.FullName, node.FullName));
        if (node.Position != e.Position) changes.Add(Change(Position, e.Position, node.Position));
        if (!string.Equals(node.Email, e.Email, StringComparison.Ordinal)) changes.Add(Change(Email, e.Email, node.Email));
        if (node.Department is { } d && d.Entity?.Id != e.DepartmentId)
            changes.Add(Change(StructureColumns.Department, _departmentsById.GetValueOrDefault(e.DepartmentId)?.Name, d.Name));
        if (node.Role != e.Role) changes.Add(Change(StructureColumns.Role, e.Role.Russian(), node.Role.Russian()));
        // Checked once the changes are known: an unchanged row of an administrator or a switched-off person is fine in a re-import.
        if (changes.Count == 0) return;
        if (e.Role == Role.Administrator) Error(r, Login, $"«{node.Login}» — администратор; импорт не меняет учётные записи администраторов.");
        if (!e.IsActive) Error(r, Login, $"сотрудник «{node.Login}» отключён; импорт его не меняет.");
    }

    private PersonNode? FindPerson(string login) =>
        PersonAccounts.IsValidLogin(login) && _people.TryGetValue(PersonAccounts.NormalizeLogin(login), out var node)
        && (node.Entity is { IsActive: true } || node.Entity is null && node.Row is not null) ? node : null;

    /// <summary>«Курирует» on a deputy head's row makes her the curator of each listed department, unless a department row says otherwise.</summary>
    private void ApplySupervision()
    {
        foreach (var (person, supervised) in _supervision)
        {
            var r = new RowRef(ImportSheet.People, person.Row!.Row);
            var added = new List<string>();
            foreach (var department in supervised.Distinct())
            {
                if (department.CuratorSetBy is { } by && department.Curator != person)
                {
                    Error(r, Supervises, $"у подразделения «{department.Name}» другой куратор " +
                                         $"({(by.Sheet == ImportSheet.People ? "строка" : $"лист «{by.Sheet.Russian()}», строка")} {by.Row}).");
                    continue;
                }
                if (department.Curator != person) added.Add(department.Name);
                department.Curator = person;
                department.CuratorSetBy = r;
            }
            if (added.Count > 0 && !person.IsNew) Changes(r).Add($"{Supervises}: + {string.Join(", ", added)}");
            else if (added.Count > 0) Changes(r).Add($"{Supervises}: {string.Join(", ", added)}");
        }
    }

    private void CheckCycles()
    {
        foreach (var (r, _, node) in _departmentRows)
        {
            if (node is null || !node.ParentChanged) continue;
            var chain = new List<DepartmentNode> { node };
            for (var at = node.Parent; at is not null && chain.Count <= _departments.Count; at = at.Parent)
            {
                chain.Add(at);
                if (at != node) continue;
                Error(r, DepartmentParent, $"подчинение замыкается в круг: {string.Join(" → ", chain.Select(c => $"«{c.Name}»"))}.");
                break;
            }
        }
    }

    /// <summary>A person who stops being a deputy head must not be left curating departments.</summary>
    private void CheckCurators()
    {
        foreach (var (r, _, node) in _personRows)
        {
            if (node is null || node.IsNew || node.Role == Role.DeputyHead) continue;
            var still = _departments.Values.Where(d => d.Curator == node && d.Entity is { IsActive: true }).Select(d => $"«{d.Name}»").ToList();
            if (still.Count > 0)
                Error(r, StructureColumns.Role, $"сотрудник курирует {string.Join(", ", still)}; сначала назначьте им другого куратора.");
        }
    }

    // ---- cells ---------------------------------------------------------------------------------------------

    private string Cell(RowRef r, ImportTableRow row, string column, bool required, int maxLength)
    {
        var value = row[column];
        if (value.Length == 0)
        {
            if (required) Error(r, column, "не заполнено.");
            return "";
        }
        if (value.Length > maxLength)
        {
            Error(r, column, $"слишком длинное значение (больше {maxLength} символов).");
            return "";
        }
        if (IsHostile(value))
        {
            Error(r, column, value.StartsWith('=')
                ? "в ячейке формула или значение начинается с «=»; введите обычный текст."
                : "значение начинается с «+», «-», «@» или содержит управляющие символы; введите обычный текст.");
            return "";
        }
        return value;
    }

    /// <summary>
    /// Formulas and what spreadsheets run as formulas (CSV injection: «=», «+», «-», «@» first), and control
    /// characters: a name like that would turn into a formula when the data is exported again.
    /// </summary>
    internal static bool IsHostile(string value) =>
        value[0] is '=' or '+' or '@' || (value[0] == '-' && value.Length > 1)
        || value.Any(c => char.IsControl(c) && c != '\n') || value.Contains('\u200b') || value.Contains('\u202e');

    private static bool IsEmail(string value) =>
        !value.Any(char.IsWhiteSpace) && MailAddress.TryCreate(value, out var address) && address.Address == value
        && address.Host.Contains('.') && address.DisplayName.Length == 0;

    private void Error(RowRef r, string column, string message)
    {
        if (!_errors.TryGetValue(r, out var list)) _errors[r] = list = [];
        list.Add($"Строка {r.Row}, «{column}»: {message}");
    }

    private List<string> Changes(RowRef r)
    {
        if (!_changes.TryGetValue(r, out var list)) _changes[r] = list = [];
        return list;
    }

    private static string Change(string field, string? before, string? after) => $"{field}: {before ?? "—"} → {after ?? "—"}";

    private static string Key(string name) => StructureColumns.Normalize(name);
}
