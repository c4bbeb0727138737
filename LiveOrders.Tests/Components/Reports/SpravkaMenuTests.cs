using Bunit;
using LiveOrders.Web.Components.Reports;
using MudBlazor;
using MudBlazor.Services;

namespace LiveOrders.Tests.Components.Reports;

/// <summary>The «Справка» menu on the reports page: it asks for the page's period, and for a department only when one is chosen.</summary>
public sealed class SpravkaMenuTests
{
    private static (BunitContext, IRenderedComponent<MudPopoverProvider>, IRenderedComponent<SpravkaMenu>) Render(DateTime? from, DateTime? to, IReadOnlyCollection<int> departments)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var popovers = ctx.Render<MudPopoverProvider>();
        var menu = ctx.Render<SpravkaMenu>(p => p.Add(m => m.From, from).Add(m => m.To, to).Add(m => m.DepartmentIds, departments));
        return (ctx, popovers, menu);
    }

    [Theory]
    [InlineData(new int[0], "/reports/spravka?format=pdf&from=2026-03-01&to=2026-03-31", "по всем вашим подразделениям")]
    [InlineData(new[] { 7 }, "/reports/spravka?format=pdf&from=2026-03-01&to=2026-03-31&department=7", "по выбранному подразделению")]
    [InlineData(new[] { 7, 8 }, "/reports/spravka?format=pdf&from=2026-03-01&to=2026-03-31", "по всем вашим подразделениям")]
    public async Task TheMenu_LinksToTheSpravkaOfThePeriod_ForTheOneDepartmentChosenElseAll(int[] departments, string pdf, string scope)
    {
        var (ctx, popovers, menu) = Render(new DateTime(2026, 3, 1), new DateTime(2026, 3, 31), departments);
        await using var context = ctx;

        Assert.EndsWith(scope, menu.Find("[data-testid=spravka-scope]").TextContent.Trim());
        await menu.Find("[data-testid=spravka-menu] button").ClickAsync(new());
        popovers.WaitForAssertion(() => Assert.Equal(pdf, popovers.Find("[data-testid=spravka-pdf]").GetAttribute("href")));
        Assert.Equal(pdf.Replace("format=pdf", "format=xlsx"), popovers.Find("[data-testid=spravka-xlsx]").GetAttribute("href"));
    }

    [Fact]
    public async Task WithoutAWholePeriod_ThereIsNoMenu()
    {
        var (ctx, _, menu) = Render(new DateTime(2026, 3, 1), null, []);
        await using var context = ctx;

        Assert.Empty(menu.FindAll("[data-testid=spravka-menu]"));
    }
}
