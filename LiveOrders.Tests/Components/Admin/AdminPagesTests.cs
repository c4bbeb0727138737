using Bunit;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using LiveOrders.Web.Components.Board;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Admin;

/// <summary>The administration's pages: who gets them at all, and what their buttons ask of the use cases.</summary>
public sealed class AdminPagesTests
{
    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var root = await db.Departments.SingleAsync(d => d.ParentId == null);
        var admin = new Employee { FullName = "Админов Адам", Position = "Администратор", DepartmentId = root.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    /// <summary>The page, and the providers its menus (popovers) and dialogs render into.</summary>
    private static (IRenderedComponent<TPage> Page, IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<MudDialogProvider> Dialogs)
        RenderWithProviders<TPage>(BunitContext ctx) where TPage : IComponent
    {
        var popovers = ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        return (ctx.Render<TPage>(), popovers, dialogs);
    }

    public static TheoryData<string, string> NotAdministratorsOnEveryPage()
    {
        var data = new TheoryData<string, string>();
        foreach (var who in new[] { "Deputy", "Controller", "RoadsHead", "RoadsClerk" })
            // The audit log is control's too: its refusal has its own test (AuditPageTests).
            foreach (var page in new[] { nameof(DepartmentsPage), nameof(PeoplePage) })
                data.Add(who, page);
        return data;
    }

    [Theory]
    [MemberData(nameof(NotAdministratorsOnEveryPage))]
    public async Task AnyoneButAnAdministrator_GetsTheNotFoundPage_AndNoData(string who, string pageName)
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await database.Services.GetRequiredService<DepartmentAdministration>().CreateAsync(admin, new DepartmentForm("Секретный отдел", "Секрет", database.Roads.Id, null));
        var actor = (Actor)typeof(TestDatabase).GetProperty(who)!.GetValue(database)!;
        await using var ctx = await ComponentTest.CreateAsync(database, actor);
        var type = typeof(PeoplePage).Assembly.GetType($"LiveOrders.Web.Components.Admin.{pageName}")!;

        var page = ctx.Render(builder => { builder.OpenComponent(0, type); builder.CloseComponent(); });

        page.WaitForElement("[data-testid=admin-only]");
        Assert.DoesNotContain("Секретный отдел", page.Markup);
        Assert.DoesNotContain("Дорожный Сотрудник", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=person-add], [data-testid=department-add], [data-testid=audit-row]"));
    }

    [Fact]
    public async Task CreatingAPerson_ShowsTheOneTimePasswordOnce_AndItIsTheirs()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        var (page, _, dialogs) = RenderWithProviders<PeoplePage>(ctx);

        page.WaitForElement("[data-testid=person-add]").Click();
        dialogs.WaitForElement("input[data-testid=person-login]").Change("sidorova");
        dialogs.Find("input[data-testid=person-name]").Change("Сидорова Светлана Сергеевна");
        dialogs.Find("input[data-testid=person-position]").Change("Инженер");
        dialogs.Find("input[data-testid=person-email]").Change("sidorova@city.example.ru");
        dialogs.Find("[data-testid=person-save]").Click();

        var password = page.WaitForElement("[data-testid=person-password]").TextContent;
        await using var db = database.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.UserName == "sidorova");
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<IdentityUser>().VerifyHashedPassword(user, user.PasswordHash!, password));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=person-row-name]"), e => e.TextContent == "Сидорова Светлана Сергеевна"));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=person-dialog]")));
    }

    [Fact]
    public async Task ATakenLogin_IsShownAtTheField_AndTheDialogStaysOpen()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await database.Services.GetRequiredService<PeopleAdministration>().CreateAsync(admin,
            new PersonForm("taken", "Занятов Зиновий", "Специалист", null, database.Roads.Id, Role.Employee));
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        var (page, _, dialogs) = RenderWithProviders<PeoplePage>(ctx);

        page.WaitForElement("[data-testid=person-add]").Click();
        dialogs.WaitForElement("input[data-testid=person-login]").Change("TAKEN");
        dialogs.Find("input[data-testid=person-name]").Change("Другой Человек");
        dialogs.Find("input[data-testid=person-position]").Change("Специалист");
        dialogs.Find("[data-testid=person-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Логин «TAKEN» уже занят.", dialogs.Find("[data-testid=person-dialog]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=person-password]"));
    }

    [Fact]
    public async Task EditingAPersonSomeoneElseJustChanged_SaysSo_InsteadOfOverwriting()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        var people = database.Services.GetRequiredService<PeopleAdministration>();
        var (page, popovers, dialogs) = RenderWithProviders<PeoplePage>(ctx);
        page.WaitForElement("[data-testid=person-actions]");
        var clerkRow = page.FindAll("tr").First(r => r.TextContent.Contains("Дорожный Сотрудник"));
        clerkRow.QuerySelector("[data-testid=person-actions] button")!.Click();
        popovers.WaitForElement("[data-testid=person-edit]").Click();
        dialogs.WaitForElement("input[data-testid=person-position]").Change("Старший специалист");

        // Another administrator renames the same person while this dialog is open.
        var other = await people.GetAsync(admin, database.RoadsClerk.EmployeeId);
        Assert.True((await people.UpdateAsync(admin, database.RoadsClerk.EmployeeId, other.Value!.ToForm() with { FullName = "Дорожный Работник" }, other.Value.Version)).Ok);
        dialogs.Find("[data-testid=person-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("только что изменил другой администратор", dialogs.Find("[data-testid=person-error]").TextContent));
        Assert.Equal("—", (await people.GetAsync(admin, database.RoadsClerk.EmployeeId)).Value!.Position);
    }

    [Fact]
    public async Task DeactivatingADepartmentWithPeople_ShowsWhatToDoFirst()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        var (page, _, dialogs) = RenderWithProviders<DepartmentsPage>(ctx);

        var housing = page.WaitForElement($"[data-testid=department-row][data-id=\"{database.Housing.Id}\"]");
        housing.QuerySelector("[data-testid=department-deactivate]")!.Click();
        // The confirmation is MudBlazor's message box; its «Отключить» is the only button with that text.
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("button")));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Отключить").Click();

        page.WaitForAssertion(() => Assert.Contains("переведите в другое подразделение или отключите сотрудников (2)",
            page.Find("[data-testid=department-message]").TextContent));
    }

    [Fact]
    public async Task ADepartmentAddedInTheDialog_AppearsInTheTreeUnderItsParent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        var (page, _, dialogs) = RenderWithProviders<DepartmentsPage>(ctx);

        page.WaitForElement($"[data-testid=department-row][data-id=\"{database.Roads.Id}\"] [data-testid=department-add-child]").Click();
        dialogs.WaitForElement("input[data-testid=department-name]").Change("Отдел разметки");
        dialogs.Find("input[data-testid=department-short]").Change("Разметка");
        dialogs.Find("[data-testid=department-save]").Click();

        page.WaitForAssertion(() =>
        {
            var names = page.FindAll("[data-testid=department-row-name]").Select(e => e.TextContent).ToList();
            Assert.Equal(names.IndexOf("Управление дорог") + 1, names.IndexOf("Отдел разметки"));
        });
        Assert.Contains("--depth: 2", page.FindAll("[data-testid=department-row]").Single(r => r.TextContent.Contains("Отдел разметки")).GetAttribute("style"));
    }

    [Fact]
    public async Task TheAuditLog_ShowsNewestFirst_AndFiltersByText()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        var departments = database.Services.GetRequiredService<DepartmentAdministration>();
        await departments.CreateAsync(admin, new DepartmentForm("Отдел первый", "Первый", database.Roads.Id, null));
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        await departments.CreateAsync(admin, new DepartmentForm("Отдел второй", "Второй", database.Roads.Id, null));
        await using var ctx = await ComponentTest.CreateAsync(database, admin);
        var (page, _, _) = RenderWithProviders<AuditPage>(ctx);

        page.WaitForAssertion(() => Assert.Equal(["Создано подразделение «Отдел второй»", "Создано подразделение «Отдел первый»"],
            page.FindAll("[data-testid=audit-summary]").Select(e => e.TextContent)));
        // Committed as on leaving the field: the typing debounce runs on the app's clock, which this test drives.
        page.Find("input[data-testid=audit-search]").Input("ПЕРВЫЙ");
        page.Find("input[data-testid=audit-search]").Blur();

        page.WaitForAssertion(() => Assert.Equal(["Создано подразделение «Отдел первый»"],
            page.FindAll("[data-testid=audit-summary]").Select(e => e.TextContent)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnOpenBoard_ShowsItsDepartmentsNewName_WithoutReload()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await AdministratorAsync(database);
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);
        ctx.Render<MudPopoverProvider>();
        var board = ctx.Render<BoardPage>();
        board.WaitForAssertion(() => Assert.Contains("Доска: Дороги", board.Find("h1").TextContent));
        // The circuit's own services: the board listens to the app's one StructureChanges.
        var departments = ctx.Services.GetRequiredService<DepartmentAdministration>();
        var row = (await departments.TreeAsync(admin)).Value!.Single(r => r.Id == database.Roads.Id);

        Assert.True((await departments.UpdateAsync(admin, row.Id, new DepartmentForm(row.Name, "Дорхоз", row.ParentId, row.CuratorId), row.Version)).Ok);

        board.WaitForAssertion(() => Assert.Contains("Доска: Дорхоз", board.Find("h1").TextContent));
    }
}
