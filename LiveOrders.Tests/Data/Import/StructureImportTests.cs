using LiveOrders.Core;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Organization.Import;
using LiveOrders.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data.Import;

/// <summary>The import against a real database: the preview row by row, then applying it all or nothing.</summary>
public sealed class StructureImportTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private StructureImport _import = default!;
    private Actor _admin = default!;

    private static readonly string[] DepartmentHeader = XlsxFile.DepartmentHeader;
    private static readonly string[] PeopleHeader = XlsxFile.PeopleHeader;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _import = _db.Services.GetRequiredService<StructureImport>();
        await using var db = _db.CreateDbContext();
        var admin = PersonAccounts.Add(db, "admin", "Admin2026!", new Employee
        {
            FullName = "Админов Админ", Position = "Администратор", DepartmentId = _db.Roads.ParentId!.Value, Role = Role.Administrator,
        });
        await db.SaveChangesAsync();
        _admin = new Actor(admin.Id, admin.FullName, admin.DepartmentId, Role.Administrator, []);
        // The test organisation signs in with no accounts; the import finds people by login.
        await LoginAsync(_db.RoadsHead, "roads.head");
        await LoginAsync(_db.RoadsClerk, "roads.clerk");
        await LoginAsync(_db.Deputy, "deputy");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task LoginAsync(Actor person, string login)
    {
        await using var db = _db.CreateDbContext();
        var employee = await db.Employees.SingleAsync(e => e.Id == person.EmployeeId);
        var user = new IdentityUser { UserName = login, NormalizedUserName = PersonAccounts.NormalizeLogin(login), SecurityStamp = PersonAccounts.NewStamp() };
        db.Users.Add(user);
        employee.UserId = user.Id;
        await db.SaveChangesAsync();
    }

    private static byte[] Workbook(string[][]? departments = null, string[][]? people = null)
    {
        var sheets = new List<(string, string[][])>();
        if (departments is not null) sheets.Add(("Подразделения", [DepartmentHeader, .. departments]));
        if (people is not null) sheets.Add(("Сотрудники", [PeopleHeader, .. people]));
        return XlsxFile.Build([.. sheets]);
    }

    /// <summary>The structure a municipality would import: a new section under Roads, supervised by the deputy, with two people.</summary>
    private static byte[] NewSection() => Workbook(
        [["Отдел мостов", "Мосты", "Управление дорог", "deputy"]],
        [
            ["mostova", "Мостова Мария Ивановна", "Начальник отдела", "mostova@city.ru", "Отдел мостов", "Начальник управления", ""],
            ["opora", "Опоров Олег", "Инженер", "", "Мосты", "Сотрудник", ""],
        ]);

    private async Task<ImportPlan> PreviewAsync(byte[] file, params RowRef[] skipped)
    {
        var result = await _import.PreviewAsync(_admin, "структура.xlsx", file, skipped.ToHashSet());
        Assert.True(result.Ok, result.Message);
        return result.Value!;
    }

    private async Task<ImportOutcome> ApplyAsync(byte[] file, params RowRef[] skipped)
    {
        var result = await _import.ApplyAsync(_admin, "структура.xlsx", file, skipped.ToHashSet());
        Assert.True(result.Ok, result.Message);
        return result.Value!;
    }

    private static ImportRowPlan Row(ImportPlan plan, ImportSheet sheet, int row) => plan.Rows.Single(r => r.Ref == new RowRef(sheet, row));

    private static string ErrorOf(ImportPlan plan, ImportSheet sheet, int row)
    {
        var r = Row(plan, sheet, row);
        Assert.Equal(ImportAction.Error, r.Action);
        return string.Join(" | ", r.Errors);
    }

    private async Task<int> CountAsync<T>(Func<LiveOrders.Core.Data.LiveOrdersDbContext, IQueryable<T>> query)
    {
        await using var db = _db.CreateDbContext();
        return await query(db).CountAsync();
    }

    [Fact]
    public async Task APreview_SaysWhatEachRowWouldDo_AndChangesNothing()
    {
        var plan = await PreviewAsync(NewSection());

        Assert.Equal([ImportAction.Create, ImportAction.Create, ImportAction.Create], plan.Rows.Select(r => r.Action));
        Assert.True(plan.CanApply);
        Assert.Equal(0, await CountAsync(db => db.Departments.Where(d => d.Name == "Отдел мостов")));
        Assert.Equal(0, await CountAsync(db => db.AuditEntries));
    }

    [Fact]
    public async Task AnImport_CreatesDepartmentsAndPeopleWithAccounts_AndLogsEachAndASummary()
    {
        var outcome = await ApplyAsync(NewSection());

        Assert.Equal((3, 0), (outcome.Created, outcome.Changed));
        await using var db = _db.CreateDbContext();
        var section = await db.Departments.SingleAsync(d => d.Name == "Отдел мостов");
        Assert.Equal((_db.Roads.Id, _db.Deputy.EmployeeId, "Мосты"), (section.ParentId, section.CuratorId, section.ShortName));
        var head = await db.Employees.SingleAsync(e => e.FullName == "Мостова Мария Ивановна");
        Assert.Equal((section.Id, Role.DepartmentHead, "mostova@city.ru"), (head.DepartmentId, head.Role, head.Email));

        // The one-time password is the account's: the person signs in with it.
        var account = outcome.Accounts.Single(a => a.Login == "mostova");
        var user = await db.Users.SingleAsync(u => u.Id == head.UserId);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<IdentityUser>().VerifyHashedPassword(user, user.PasswordHash!, account.Password));
        Assert.Equal(2, outcome.Accounts.Count);

        var audit = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["department.created", "employee.created", "employee.created", "structure.imported"], audit.Select(a => a.Action));
        Assert.Equal("Импорт структуры: файл структура.xlsx, создано 3, изменено 0", audit[^1].Summary);
        Assert.All(audit, a => Assert.Equal(_admin.EmployeeId, a.ActorId));
    }

    [Fact]
    public async Task ImportingTheSameFileAgain_ChangesNothing_AndLogsNothing()
    {
        await ApplyAsync(NewSection());
        var logged = await CountAsync(db => db.AuditEntries);

        var plan = await PreviewAsync(NewSection());
        var again = await ApplyAsync(NewSection());

        Assert.All(plan.Rows, r => Assert.Equal(ImportAction.Unchanged, r.Action));
        Assert.False(plan.CanApply);
        Assert.Equal((0, 0, 0), (again.Created, again.Changed, again.Accounts.Count));
        Assert.Equal(logged, await CountAsync(db => db.AuditEntries));
        Assert.Equal(1, await CountAsync(db => db.Departments.Where(d => d.Name == "Отдел мостов")));
    }

    [Fact]
    public async Task AnImportThatChangesSomething_TellsOpenScreensThatTheDepartmentsChanged_AndAnUnchangedOneDoesNot()
    {
        var told = 0;
        _db.Services.GetRequiredService<StructureChanges>().DepartmentsChanged += () => told++;

        await ApplyAsync(NewSection());
        Assert.Equal(1, told);

        await ApplyAsync(NewSection());
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task AChangedRow_ShowsEachFieldBeforeAndAfter_AndTheMovedPersonsScreensAreTold()
    {
        var told = new List<int>();
        _db.Directory.Changed += told.Add;
        var file = Workbook(people: [["roads.clerk", "Дорожный Сотрудник", "Ведущий инженер", "", "Управление ЖКХ", "Сотрудник", ""]]);

        var row = Row(await PreviewAsync(file), ImportSheet.People, 2);
        await ApplyAsync(file);

        Assert.Equal(ImportAction.Update, row.Action);
        Assert.Equal(["Должность: — → Ведущий инженер", "Подразделение: Управление дорог → Управление ЖКХ"], row.Changes);
        Assert.Equal([_db.RoadsClerk.EmployeeId], told);
        Assert.False(_db.Directory.IsCurrent(_db.RoadsClerk));
        await using var db = _db.CreateDbContext();
        Assert.Equal(_db.Housing.Id, (await db.Employees.SingleAsync(e => e.Id == _db.RoadsClerk.EmployeeId)).DepartmentId);
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "employee.updated");
        Assert.Contains("Подразделение: Управление дорог → Управление ЖКХ", entry.Changes);
    }

    public static TheoryData<string, string[][]?, string[][]?, ImportSheet, string> Errors() => new()
    {
        { "empty required cell", null, [["ivanova", "", "Инженер", "", "Финансы", "Сотрудник", ""]], ImportSheet.People, "«ФИО»: не заполнено" },
        { "bad e-mail", null, [["ivanova", "Иванова", "Инженер", "ivanova@", "Финансы", "Сотрудник", ""]], ImportSheet.People, "«E-mail»: «ivanova@» не похоже" },
        { "bad login", null, [["иванова", "Иванова", "Инженер", "", "Финансы", "Сотрудник", ""]], ImportSheet.People, "«Логин»: логин может содержать только латинские" },
        { "unknown department", null, [["ivanova", "Иванова", "Инженер", "", "Отдел чудес", "Сотрудник", ""]], ImportSheet.People, "«Подразделение»: подразделение «Отдел чудес» не найдено" },
        { "unknown role", null, [["ivanova", "Иванова", "Инженер", "", "Финансы", "Директор", ""]], ImportSheet.People, "«Роль»: роль «Директор» не найдена" },
        { "unknown parent", [["Отдел А", "А", "Управление чудес", ""]], null, ImportSheet.Departments, "«Вышестоящее подразделение»: подразделение «Управление чудес» не найдено" },
        { "curator not a deputy head", [["Отдел А", "А", "Финансы", "roads.clerk"]], null, ImportSheet.Departments, "«Куратор (логин)»: «roads.clerk» — не заместитель главы" },
        { "unknown curator", [["Отдел А", "А", "Финансы", "nobody"]], null, ImportSheet.Departments, "сотрудник с логином «nobody» не найден" },
        { "supervision by a non-deputy", null, [["ivanova", "Иванова", "Инженер", "", "Финансы", "Сотрудник", "Дороги"]], ImportSheet.People, "«Курирует»: курировать подразделения может только заместитель главы" },
        { "the administrator role", null, [["ivanova", "Иванова", "Инженер", "", "Финансы", "Администратор", ""]], ImportSheet.People, "роль «Администратор» импорт не назначает" },
        { "taking over the administrator", null, [["admin", "Захватчиков", "Инженер", "", "Финансы", "Сотрудник", ""]], ImportSheet.People, "«admin» — администратор; импорт не меняет" },
        { "formula", null, [["ivanova", "=HYPERLINK(\"http://evil\",\"x\")", "Инженер", "", "Финансы", "Сотрудник", ""]], ImportSheet.People, "в ячейке формула" },
        { "CSV injection", null, [["ivanova", "Иванова", "@SUM(1+1)", "", "Финансы", "Сотрудник", ""]], ImportSheet.People, "«Должность»: значение начинается с «+», «-», «@»" },
        { "e-mail of another person", null, [["ivanova", "Иванова", "Инженер", "roads.head@test.local", "Финансы", "Сотрудник", ""]], ImportSheet.People, "уже принадлежит сотруднику «Дорожный Начальник»" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task ABadRow_IsAnErrorNamingItsRowAndColumn_AndNothingIsImported(string kind, string[][]? departments, string[][]? people,
        ImportSheet sheet, string expected)
    {
        _ = kind;
        var file = Workbook(departments, people);

        var plan = await PreviewAsync(file);
        var applied = await _import.ApplyAsync(_admin, "x.xlsx", file, new HashSet<RowRef>());

        var error = ErrorOf(plan, sheet, 2);
        Assert.Contains("Строка 2, ", error);
        Assert.Contains(expected, error);
        Assert.False(plan.CanApply);
        Assert.Equal(Failure.Invalid, applied.Failure);
        Assert.Equal(0, await CountAsync(db => db.AuditEntries));
        Assert.Equal(0, await CountAsync(db => db.Employees.Where(e => e.FullName.StartsWith("Иванова"))));
    }

    [Fact]
    public async Task DuplicateLoginsInTheFile_AndALoginOfAnAccountWithoutAPerson_AreErrors()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.Users.Add(new IdentityUser { UserName = "robot", NormalizedUserName = "ROBOT" });
            await db.SaveChangesAsync();
        }
        var plan = await PreviewAsync(Workbook(people:
        [
            ["ivanova", "Иванова", "Инженер", "", "Финансы", "Сотрудник", ""],
            ["IVANOVA", "Иванова-вторая", "Инженер", "", "Финансы", "Сотрудник", ""],
            ["robot", "Робот", "Инженер", "", "Финансы", "Сотрудник", ""],
        ]));

        Assert.Equal(ImportAction.Create, Row(plan, ImportSheet.People, 2).Action);
        Assert.Contains("«Логин»: логин «IVANOVA» уже встречается в строке 2", ErrorOf(plan, ImportSheet.People, 3));
        Assert.Contains("логин «robot» уже занят учётной записью", ErrorOf(plan, ImportSheet.People, 4));
    }

    [Fact]
    public async Task ACycleOfParents_IsAnErrorOnEveryRowInIt()
    {
        var plan = await PreviewAsync(Workbook(
        [
            ["Отдел А", "А", "Отдел Б", ""],
            ["Отдел Б", "Б", "Отдел А", ""],
            ["Управление дорог", "Дороги", "Отдел А", ""],
        ]));

        Assert.Contains("подчинение замыкается в круг: «Отдел А» → «Отдел Б» → «Отдел А»", ErrorOf(plan, ImportSheet.Departments, 2));
        Assert.Contains("замыкается в круг", ErrorOf(plan, ImportSheet.Departments, 3));
        Assert.Equal(ImportAction.Update, Row(plan, ImportSheet.Departments, 4).Action);
    }

    [Fact]
    public async Task ARowTheAdministratorSkips_IsLeftOut_AndTheRestIsImported()
    {
        var file = Workbook(people:
        [
            ["ivanova", "Иванова Анна", "Инженер", "", "Финансы", "Сотрудник", ""],
            ["petrov", "Петров", "Инженер", "", "Отдел чудес", "Сотрудник", ""],
        ]);
        var skip = new RowRef(ImportSheet.People, 3);

        var plan = await PreviewAsync(file, skip);
        var outcome = await ApplyAsync(file, skip);

        Assert.Equal(ImportAction.Skipped, Row(plan, ImportSheet.People, 3).Action);
        Assert.True(plan.CanApply);
        Assert.Equal("ivanova", Assert.Single(outcome.Accounts).Login);
        Assert.Equal(0, await CountAsync(db => db.Employees.Where(e => e.FullName == "Петров")));
    }

    [Fact]
    public async Task SkippingADepartment_TurnsThePeopleWhoNeedItIntoErrors()
    {
        var file = NewSection();

        var plan = await PreviewAsync(file, new RowRef(ImportSheet.Departments, 2));

        Assert.Contains("подразделение «Отдел мостов» не найдено", ErrorOf(plan, ImportSheet.People, 2));
        Assert.False(plan.CanApply);
    }

    [Fact]
    public async Task ADeputyHeadsSupervision_FromThePeopleSheet_MakesHerTheCurator_AndHerScreensAreTold()
    {
        var told = new List<int>();
        _db.Directory.Changed += told.Add;
        var file = Workbook(people: [["deputy", "Замов Зам Замович", "Заместитель главы", "", "Администрация", "Заместитель главы", "Финансы; Управление ЖКХ"]]);

        var row = Row(await PreviewAsync(file), ImportSheet.People, 2);
        await ApplyAsync(file);

        Assert.Equal(["Курирует: + Финансовое управление"], row.Changes);
        await using var db = _db.CreateDbContext();
        Assert.Equal(_db.Deputy.EmployeeId, (await db.Departments.SingleAsync(d => d.Id == _db.Finance.Id)).CuratorId);
        Assert.Contains(_db.Deputy.EmployeeId, told);
    }

    [Fact]
    public async Task AFailureWhileSaving_LeavesNothingOfTheImport()
    {
        // The second save (curators and the log) fails: the departments and people of the first must be gone too.
        _db.AddInterceptor(new FailOnAudit());

        await Assert.ThrowsAsync<InvalidOperationException>(() => _import.ApplyAsync(_admin, "x.xlsx", NewSection(), new HashSet<RowRef>()));

        Assert.Equal(0, await CountAsync(db => db.Departments.Where(d => d.Name == "Отдел мостов")));
        Assert.Equal(0, await CountAsync(db => db.Employees.Where(e => e.FullName == "Опоров Олег")));
        Assert.Equal(0, await CountAsync(db => db.Users.Where(u => u.UserName == "opora")));
        Assert.Equal(0, await CountAsync(db => db.AuditEntries));
    }

    private sealed class FailOnAudit : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<LiveOrders.Core.Audit.AuditEntry>().Any()
                ? throw new InvalidOperationException("Диск заполнен")
                : ValueTask.FromResult(result);
    }

    [Fact]
    public async Task OnlyAnAdministrator_Imports()
    {
        var preview = await _import.PreviewAsync(_db.RoadsHead, "x.xlsx", NewSection());
        var apply = await _import.ApplyAsync(_db.Controller, "x.xlsx", NewSection(), new HashSet<RowRef>());

        Assert.Equal(Failure.Forbidden, preview.Failure);
        Assert.Equal(Failure.Forbidden, apply.Failure);
        Assert.Equal(0, await CountAsync(db => db.Departments.Where(d => d.Name == "Отдел мостов")));
    }

    [Fact]
    public async Task ANewDeputyHead_CanCurateANewDepartment_InTheSameFile()
    {
        await ApplyAsync(Workbook(
            [["Отдел парков", "Парки", "Администрация", "novaya"]],
            [["novaya", "Новая Нина", "Заместитель главы", "", "Администрация", "Заместитель главы", ""]]));

        await using var db = _db.CreateDbContext();
        var deputy = await db.Employees.SingleAsync(e => e.FullName == "Новая Нина");
        Assert.Equal(deputy.Id, (await db.Departments.SingleAsync(d => d.Name == "Отдел парков")).CuratorId);
    }

    [Fact]
    public async Task AnUnchangedAdministratorRow_IsFineInAReimport()
    {
        var plan = await PreviewAsync(Workbook(people: [["admin", "Админов Админ", "Администратор", "", "Администрация", "Администратор", ""]]));

        Assert.Equal(ImportAction.Unchanged, Assert.Single(plan.Rows).Action);
    }
}
