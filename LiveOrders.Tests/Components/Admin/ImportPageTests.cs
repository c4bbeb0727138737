using Bunit;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Admin;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Components.Admin;

/// <summary>The import page offers «Импортировать» only when no row with an error is left unskipped.</summary>
public sealed class ImportPageTests
{
    private static async Task<Actor> AdministratorAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var admin = new Employee { FullName = "Админов Админ", Position = "Администратор", DepartmentId = database.Finance.Id, Role = Role.Administrator };
        db.Employees.Add(admin);
        await db.SaveChangesAsync();
        return new Actor(admin.Id, admin.FullName, admin.DepartmentId, admin.Role, []);
    }

    private static byte[] OneGoodOneBad() => XlsxFile.Build(("Сотрудники",
    [
        XlsxFile.PeopleHeader,
        ["ivanova", "Иванова Анна", "Инженер", "", "Финансы", "Сотрудник", ""],
        ["petrov", "Петров Пётр", "Инженер", "", "Отдел чудес", "Сотрудник", ""],
    ]));

    private static void Upload(IRenderedComponent<ImportPage> page, byte[] content, string name = "люди.xlsx") =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, name));

    [Fact]
    public async Task ImportIsDisabledWhileAnErrorRowRemains_AndEnabledOnceItIsSkipped()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, await AdministratorAsync(database));
        var page = ctx.Render<ImportPage>();
        page.WaitForElement("[data-testid=import-pick]");

        Upload(page, OneGoodOneBad());

        page.WaitForElement("[data-testid=import-preview]");
        Assert.True(page.Find("[data-testid=import-apply]").HasAttribute("disabled"));
        Assert.Contains("Строка 3, «Подразделение»: подразделение «Отдел чудес» не найдено", page.Find("[data-testid=import-row-error]").TextContent);
        Assert.Single(page.FindAll("[data-testid=import-skip]"));

        page.Find("[data-testid=import-skip]").Change(true);

        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-apply]").HasAttribute("disabled")));
        Assert.Equal("Skipped", page.Find("[data-testid=import-row][data-row='People-3']").GetAttribute("data-action"));
        // The skipped row still says why it was skipped, and can be taken back.
        Assert.Contains("Отдел чудес", page.Find("[data-testid=import-row][data-row='People-3']").TextContent);
        page.Find("[data-testid=import-skip]").Change(false);
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=import-apply]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task Importing_ShowsTheCountsAndTheOneTimePasswordOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, await AdministratorAsync(database));
        var page = ctx.Render<ImportPage>();
        page.WaitForElement("[data-testid=import-pick]");
        Upload(page, OneGoodOneBad());
        page.WaitForElement("[data-testid=import-skip]").Change(true);
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-apply]").HasAttribute("disabled")));

        page.Find("[data-testid=import-apply]").Click();

        page.WaitForAssertion(() => Assert.Contains("создано 1, изменено 0", page.Find("[data-testid=import-done]").TextContent));
        var password = page.Find("[data-testid=import-account][data-login=ivanova] [data-testid=import-password]").TextContent;
        Assert.Equal(14, password.Length);
        Assert.NotNull(page.Find("[data-testid=import-passwords-warning]"));
        Assert.Empty(page.FindAll("[data-testid=import-apply]"));
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.Employees.CountAsync(e => e.FullName == "Иванова Анна"));
        Assert.Equal(0, await db.Employees.CountAsync(e => e.FullName == "Петров Пётр"));
    }

    [Fact]
    public async Task AFileThatIsNotAStructure_GetsAMessage_AndNoPreview()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, await AdministratorAsync(database));
        var page = ctx.Render<ImportPage>();
        page.WaitForElement("[data-testid=import-pick]");

        Upload(page, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3], "фото.png");

        page.WaitForAssertion(() => Assert.Contains("Загрузите книгу Excel (.xlsx) или файл CSV", page.Find("[data-testid=import-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=import-preview]"));
    }

    [Fact]
    public async Task SomeoneWhoIsNotAnAdministrator_GetsNoUpload()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.RoadsHead);

        var page = ctx.Render<ImportPage>();

        page.WaitForElement("[data-testid=admin-only]");
        Assert.Empty(page.FindAll("[data-testid=import-pick]"));
    }
}
