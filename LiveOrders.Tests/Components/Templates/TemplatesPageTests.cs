using Bunit;
using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Templates;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;
using LiveOrders.Web.Components.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveOrders.Tests.Components.Templates;

/// <summary>
/// The templates page, its dialogs and the create form's use of a template, over the real services. The clock is
/// Monday 2 March 2026, 10:00 in Novokuznetsk; Monday 9 March is a holiday.
/// </summary>
public sealed class TemplatesPageTests
{
    private static async Task<int> RoadsTemplateAsync(TestDatabase database, string title = "Отчёт о ямочном ремонте")
    {
        var templates = database.Services.GetRequiredService<OrderTemplates>();
        var saved = await templates.CreateAsync(database.RoadsHead,
            new TemplateContent(title, "Сведения за неделю", [database.Housing.Id], Priority.High, new Term(5, TermKind.WorkingDays)));
        Assert.True(saved.Ok, saved.Message);
        return saved.Value;
    }

    private static async Task<(BunitContext Ctx, IRenderedComponent<MudDialogProvider> Dialogs)> ContextAsync(TestDatabase database, Actor actor)
    {
        var ctx = await ComponentTest.CreateAsync(database, actor);
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        return (ctx, dialogs);
    }

    [Fact]
    public async Task TheDepartmentSeesItsTemplate_OnlyTheAuthorAndTheHeadMayChangeIt_AnotherDepartmentDoesNotSeeIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RoadsTemplateAsync(database);

        var (clerk, _) = await ContextAsync(database, database.RoadsClerk);
        await using (clerk)
        {
            var page = clerk.Render<TemplatesPage>();
            page.WaitForAssertion(() => Assert.Equal("Отчёт о ямочном ремонте", page.Find("[data-testid=template-name]").TextContent));
            Assert.NotEmpty(page.FindAll("[data-testid=template-use]"));
            Assert.Empty(page.FindAll("[data-testid=template-edit]"));
        }
        var (finance, _) = await ContextAsync(database, database.FinanceHead);
        await using (finance)
        {
            var page = finance.Render<TemplatesPage>();
            page.WaitForElement("[data-testid=templates-empty]");
            Assert.Empty(page.FindAll("[data-testid=template]"));
        }
        var (controller, _) = await ContextAsync(database, database.Controller);
        await using (controller)
            controller.Render<TemplatesPage>().WaitForElement("[data-testid=read-only]");
    }

    [Fact]
    public async Task EditingWithAnEmptyTitle_IsRefusedAtTheField_AndNothingIsSaved_ThenAValidTitleIsSaved()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await RoadsTemplateAsync(database);
        var (ctx, dialogs) = await ContextAsync(database, database.RoadsHead);
        await using var _ = ctx;
        var page = ctx.Render<TemplatesPage>();
        page.WaitForElement("[data-testid=template-edit]").Click();

        var title = dialogs.WaitForElement("[data-testid=template-title]");
        Assert.Equal("Отчёт о ямочном ремонте", title.GetAttribute("value"));
        // The hint: five working days from Monday 2 March are 3, 4, 5, 6 and 10 March (9 March is off).
        Assert.Contains("10.03.2026 18:00", dialogs.Find("[data-testid=template-due-hint]").TextContent);
        title.Input(" ");
        dialogs.Find("[data-testid=template-save]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Укажите заголовок поручения.", dialogs.Markup));
        await using (var db = database.CreateDbContext())
            Assert.Equal("Отчёт о ямочном ремонте", (await db.OrderTemplates.SingleAsync(t => t.Id == id)).Title);

        dialogs.Find("[data-testid=template-title]").Input("Отчёт о ремонте дорог");
        dialogs.Find("[data-testid=template-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("Отчёт о ремонте дорог", page.Find("[data-testid=template-name]").TextContent));
    }

    [Fact]
    public async Task SavingATemplateSomeoneElseChangedMeanwhile_ShowsTheConflict_AndKeepsTheirVersion()
    {
        await using var database = await TestDatabase.CreateAsync();
        var templates = database.Services.GetRequiredService<OrderTemplates>();
        var id = (await templates.CreateAsync(database.RoadsClerk,
            new TemplateContent("Отчёт о ямочном ремонте", "Сведения за неделю", [database.Housing.Id], Priority.High, new Term(5, TermKind.WorkingDays)))).Value;
        var (ctx, dialogs) = await ContextAsync(database, database.RoadsHead);
        await using var _ = ctx;
        var page = ctx.Render<TemplatesPage>();
        page.WaitForElement("[data-testid=template-edit]").Click();
        dialogs.WaitForElement("[data-testid=template-title]").Input("Отчёт начальника");

        // Meanwhile the clerk, its author, saves their own change.
        var clerks = (await templates.FindAsync(database.RoadsClerk, id))!;
        Assert.True((await templates.UpdateAsync(database.RoadsClerk, id, clerks.Version, clerks.Content with { Title = "Отчёт клерка" })).Ok);

        dialogs.Find("[data-testid=template-save]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Шаблон изменили, пока вы его редактировали: ",
            dialogs.Find("[data-testid=template-error]").TextContent));
        Assert.Equal("Отчёт начальника", dialogs.Find("[data-testid=template-title]").GetAttribute("value"));
        await using var db = database.CreateDbContext();
        Assert.Equal("Отчёт клерка", (await db.OrderTemplates.SingleAsync(t => t.Id == id)).Title);
    }

    [Fact]
    public async Task AnOpenPage_ShowsAnotherPersonsEdit_AndAnOccurrenceItsScheduleIssued_WithoutReload()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await RoadsTemplateAsync(database);
        var templates = database.Services.GetRequiredService<OrderTemplates>();
        Assert.True((await templates.SetScheduleAsync(database.RoadsHead, id,
            new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Tuesday, new DateOnly(2026, 3, 2), null, new TimeOnly(9, 0)), null)).Ok);
        var (ctx, _) = await ContextAsync(database, database.RoadsClerk);
        await using var __ = ctx;
        // The other person acts through the same app (its singletons), as another circuit would.
        templates = ctx.Services.GetRequiredService<OrderTemplates>();
        var page = ctx.Render<TemplatesPage>();
        page.WaitForAssertion(() => Assert.Equal("Отчёт о ямочном ремонте", page.Find("[data-testid=template-name]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=schedule-issued]"));

        // The Roads head renames it in their own window.
        var opened = (await templates.FindAsync(database.RoadsHead, id))!;
        Assert.True((await templates.UpdateAsync(database.RoadsHead, id, opened.Version, opened.Content with { Title = "Отчёт о ремонте дорог" })).Ok);
        page.WaitForAssertion(() => Assert.Equal("Отчёт о ремонте дорог", page.Find("[data-testid=template-name]").TextContent));

        // Tuesday 3 March, 09:00: the schedule issues its order; the page lists it and the next date moves on.
        database.Clock.Set(database.Time.ToUtc(new DateTime(2026, 3, 3, 9, 0, 0)));
        Assert.Equal(1, await ctx.Services.GetRequiredService<RecurringOrderIssuer>().IssueDueAsync(database.Time.UtcNow));
        page.WaitForAssertion(() => Assert.Contains("(03.03)", page.Find("[data-testid=schedule-issued]").TextContent));
        Assert.StartsWith("Ближайшие: 10.03.2026 09:00", page.Find("[data-testid=schedule-next]").TextContent);

        // Deleted by the head: gone from the clerk's page.
        Assert.True((await templates.DeleteAsync(database.RoadsHead, id)).Ok);
        page.WaitForElement("[data-testid=templates-empty]");
    }

    [Fact]
    public async Task TheScheduleDialog_PreviewsTheNextDatesByTheCalendar_AndAWeeklyMondayMovesOffTheHoliday()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RoadsTemplateAsync(database);
        var (ctx, dialogs) = await ContextAsync(database, database.RoadsHead);
        await using var _ = ctx;
        var page = ctx.Render<TemplatesPage>();
        page.WaitForElement("[data-testid=template-schedule-edit]").Click();

        // The default: the 5th working day of each month, from today, at 09:00.
        dialogs.WaitForAssertion(() => Assert.Equal(["пятница, 06.03.2026 09:00", "вторник, 07.04.2026 09:00", "пятница, 08.05.2026 09:00"],
            dialogs.FindAll("[data-testid=schedule-preview-date]").Take(3).Select(e => e.TextContent)));

        var kind = dialogs.FindComponent<MudSelect<RecurrenceKind>>();
        await kind.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(RecurrenceKind.Weekly));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=schedule-number]")));
        Assert.Equal("понедельник", dialogs.Find("[data-testid=schedule-weekday]").GetAttribute("value"));
        // Monday 2 March 09:00 has passed; Monday 9 March is off, so Tuesday the 10th.
        var preview = dialogs.FindAll("[data-testid=schedule-preview-date]").Select(e => e.TextContent).ToList();
        Assert.Equal(["вторник, 10.03.2026 09:00", "понедельник, 16.03.2026 09:00"], preview.Take(2));

        dialogs.Find("[data-testid=schedule-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("Еженедельно, понедельник", page.Find("[data-testid=template-schedule]").TextContent));
        Assert.Contains("10.03.2026 09:00", page.Find("[data-testid=schedule-next]").TextContent);
    }

    [Fact]
    public async Task TheCreateForm_FromATemplate_IsFilledWithIt_AndDueItsTermFromToday_AtTheEndOfTheWorkingDay()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await RoadsTemplateAsync(database);
        var (ctx, _) = await ContextAsync(database, database.RoadsHead);
        await using var __ = ctx;

        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"/orders/new?template={id}");
        var form = ctx.Render<CreateOrder>();

        form.WaitForAssertion(() => Assert.Equal("Отчёт о ямочном ремонте", form.Find("[data-testid=title]").GetAttribute("value")));
        var due = form.FindComponent<DueDateTimeField>();
        Assert.Equal(database.Time.ToUtc(new DateTime(2026, 3, 10, 18, 0, 0)), due.Instance.Value);
        Assert.Contains("Высокий", form.FindComponent<MudSelect<Priority>>().Markup);
    }

    [Fact]
    public void AnOrdersDueDate_BecomesATermInWorkingDays_CountingPastTheHoliday()
    {
        var form = TemplateForm.FromOrder("Заголовок", null, [1], Priority.Normal, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 10), WorkingCalendar.Shipped);
        Assert.Equal(new Term(5, TermKind.WorkingDays), form.ToContent().Term);
        Assert.Equal(new Term(5, TermKind.WorkingDays), TemplateForm.FromOrder(null, null, [], Priority.Low, new DateOnly(2026, 3, 2), null, WorkingCalendar.Shipped).ToContent().Term);
    }

    [Fact]
    public void AnIncompleteScheduleForm_SaysWhatIsMissing_AndMakesNoRecurrence()
    {
        var form = new ScheduleForm { Start = null };
        Assert.Equal("Укажите дату начала.", form.Missing);
        Assert.Null(form.ToRecurrence());
        form.Start = new DateTime(2026, 3, 2);
        form.Time = null;
        Assert.Equal("Укажите время создания поручения.", form.Missing);
    }
}
