using System.Resources;
using Bunit;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Tests.Components;

public sealed class LayoutTests
{
    [Fact]
    public void EveryTextMudBlazorHas_IsTranslatedToRussian()
    {
        var assembly = typeof(MudBlazor.MudButton).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("LanguageResource.resources"));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new ResourceReader(stream);
        var keys = new List<string>();
        var e = reader.GetEnumerator();
        while (e.MoveNext()) keys.Add((string)e.Key);

        Assert.NotEmpty(keys);
        var untranslated = keys.Where(k => !RussianMudLocalizer.Texts.ContainsKey(k)).ToList();
        Assert.True(untranslated.Count == 0, "Untranslated: " + string.Join(", ", untranslated));
        var localizer = new RussianMudLocalizer();
        Assert.Equal("Строк на странице:", localizer["MudDataGridPager_RowsPerPage"].Value);
        Assert.Equal("1–10 из 42", localizer["MudDataGridPager_InfoFormat", 1, 10, 42].Value);
    }

    [Theory]
    [InlineData(Role.Employee, false, false, true, "Поручения отдела")]
    [InlineData(Role.DepartmentHead, false, false, true, "Поручения отдела")]
    [InlineData(Role.DeputyHead, true, false, true, "Поручения курируемых подразделений")]
    [InlineData(Role.Controller, true, false, false, "Все поручения")]
    [InlineData(Role.Administrator, true, true, false, "Все поручения")]
    public async Task TheMenu_OffersExactlyWhatTheRoleMayOpen_AndNamesTheListForWhatItHolds(Role role, bool panel, bool displays, bool create,
        string departmentList)
    {
        await using var database = await TestDatabase.CreateAsync();
        var actor = new Actor(database.RoadsHead.EmployeeId, "Тестов Т. Т.", database.Roads.Id, role,
            role == Role.DeputyHead ? [database.Housing.Id] : []);
        await using var ctx = await ComponentTest.CreateAsync(database, actor);

        var menu = ctx.Render<NavMenu>(p => p.Add(m => m.Actor, actor));

        Assert.Equal(panel, menu.FindAll("[data-testid=nav-control]").Count == 1);
        Assert.Equal(displays, menu.FindAll("[data-testid=nav-displays]").Count == 1);
        Assert.Equal(create, menu.FindAll("[data-testid=nav-create]").Count == 1);
        Assert.Single(menu.FindAll("[data-testid=nav-board]"));
        Assert.Contains("Мои поручения", menu.Markup);
        Assert.Equal(departmentList, menu.Find("[data-testid=nav-department]").TextContent.Trim());
    }
}
