using Bunit;
using LiveOrders.Core.Control;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Control;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Components.Control;

/// <summary>The control panel's figures for a known set of orders, kept current by the feed and by the clock.</summary>
public sealed class ControlDashboardTests
{
    private static async Task<IRenderedComponent<ControlDashboard>> RenderPanelAsync(BunitContext ctx, TestDatabase database, Action<Freshness>? onFreshness = null)
    {
        var scope = await ctx.Services.GetRequiredService<ControlQueries>().ScopeAsync(database.Deputy);
        return ctx.Render<ControlDashboard>(p => p
            .Add(d => d.Scope, scope)
            .Add(d => d.Viewer, database.Deputy)
            .Add(d => d.OnFreshnessChanged, f => onFreshness?.Invoke(f)));
    }

    private static string Kpi(IRenderedComponent<ControlDashboard> cut, string testId) =>
        cut.Find($"[data-testid={testId}] [data-testid=kpi-value]").TextContent.Trim();

    private static string Row(IRenderedComponent<ControlDashboard> cut, int departmentId, string cell) =>
        cut.Find($"tr[data-department='{departmentId}'] [data-testid={cell}]").TextContent.Trim();

    [Fact]
    public async Task ThePanel_CountsOpenOverdueAndDueSoon_PerDepartmentAndInTotal()
    {
        await using var database = await TestDatabase.CreateAsync();
        // 10:00 local (Novokuznetsk, UTC+7). One Housing order is already due in an hour, one in three days;
        // one Roads order is due at 15:00 today; Finance is not the deputy's and must not count.
        await database.SendAsync("Покрасить ограждение", database.Housing, TimeSpan.FromHours(1));
        await database.SendAsync("Заменить лампы в подъездах", database.Housing, TimeSpan.FromDays(3));
        await database.SendAsync("Засыпать яму на Весенней", database.Roads, TimeSpan.FromHours(5));
        await database.SendAsync("Смета на ремонт", database.Finance, TimeSpan.FromHours(1));
        database.Clock.Advance(TimeSpan.FromHours(2));
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);

        var cut = await RenderPanelAsync(ctx, database);

        cut.WaitForAssertion(() => Assert.Equal("3", Kpi(cut, "kpi-open")));
        Assert.Equal("1", Kpi(cut, "kpi-overdue"));
        Assert.Equal("1", Kpi(cut, "kpi-today"));
        Assert.Equal("2", Kpi(cut, "kpi-3days"));
        Assert.Equal("2", Row(cut, database.Housing.Id, "department-open"));
        Assert.Equal("1", Row(cut, database.Housing.Id, "department-overdue"));
        Assert.Equal("0", Row(cut, database.Roads.Id, "department-overdue"));
        Assert.Empty(cut.FindAll($"tr[data-department='{database.Finance.Id}']"));
        var overdue = Assert.Single(cut.FindAll("[data-testid=overdue-item]"));
        Assert.Contains("Покрасить ограждение", overdue.TextContent);
        Assert.Equal("меньше суток", overdue.QuerySelector("[data-testid=overdue-late]")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnOrderFallingDue_CountsAsOverdue_WhenItsTimeComes_WithoutAnyChange()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendAsync("Вывезти снег со двора", database.Housing, TimeSpan.FromHours(1));
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var cut = await RenderPanelAsync(ctx, database);
        cut.WaitForAssertion(() => Assert.Equal("1", Kpi(cut, "kpi-today")));
        Assert.Equal("0", Kpi(cut, "kpi-overdue"));

        database.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal("1", Kpi(cut, "kpi-overdue")));
        Assert.Equal("0", Kpi(cut, "kpi-today"));
    }

    [Fact]
    public async Task ALiveChange_LandsInTheTicker_AndTheFiguresAreRecounted()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendAsync("Первое поручение", database.Housing, TimeSpan.FromDays(2));
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var cut = await RenderPanelAsync(ctx, database);
        cut.WaitForAssertion(() => Assert.Equal("1", Kpi(cut, "kpi-open")));

        await database.SendAsync("Убрать наледь у школы №5", database.Roads, TimeSpan.FromDays(2));

        cut.WaitForAssertion(() => Assert.Equal("2", Kpi(cut, "kpi-open")), TimeSpan.FromSeconds(5));
        Assert.Contains("Убрать наледь у школы №5", cut.Find("[data-testid=ticker]").TextContent);
        Assert.Equal("1", Row(cut, database.Roads.Id, "department-open"));
    }

    [Fact]
    public async Task AFirstLoadThatFails_SaysSo_AndTheRetryShowsTheFigures()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SendAsync("Поручение", database.Housing, TimeSpan.FromDays(2));
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        var source = new SwitchableDataSource(database) { Down = true };
        ctx.UseDataSource(database, source);
        var scope = await new ControlQueries(database, database.Time).ScopeAsync(database.Deputy);
        Freshness? freshness = null;
        var cut = ctx.Render<ControlDashboard>(p => p.Add(d => d.Scope, scope).Add(d => d.Viewer, database.Deputy)
            .Add(d => d.OnFreshnessChanged, f => freshness = f));

        cut.WaitForElement("[data-testid=dashboard-failed]");
        Assert.Equal(database.Time.UtcNow, freshness?.LostAt);

        source.Down = false;
        database.Clock.Advance(ControlDashboard.RetryAfter);

        cut.WaitForAssertion(() => Assert.Equal("1", Kpi(cut, "kpi-open")));
        Assert.True(freshness?.IsCurrent);
    }
}
