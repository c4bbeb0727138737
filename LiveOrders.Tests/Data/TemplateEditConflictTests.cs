using LiveOrders.Core;
using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Templates;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// Two people edit one template or its schedule: the first save stands, the second (from what it opened, now stale)
/// is refused and nothing of it is applied — no last save wins. Each change is told to open templates pages.
/// </summary>
public sealed class TemplateEditConflictTests : IAsyncLifetime
{
    private static readonly Recurrence MondaysAtNine =
        new(RecurrenceKind.Weekly, 0, DayOfWeek.Monday, new DateOnly(2026, 3, 2), null, new TimeOnly(9, 0));
    private TestDatabase _db = default!;
    private OrderTemplates _templates = default!;
    private int _id;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _templates = _db.Services.GetRequiredService<OrderTemplates>();
        // The Roads clerk authors it, so that both the clerk and the Roads head may change it.
        var saved = await _templates.CreateAsync(_db.RoadsClerk,
            new TemplateContent("Отчёт о ямочном ремонте", "Сведения за неделю", [_db.Housing.Id], Priority.High, new Term(5, TermKind.WorkingDays)));
        Assert.True(saved.Ok, saved.Message);
        _id = saved.Value;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<TemplateView> OpenAsync(LiveOrders.Core.Organization.Actor actor) => (await _templates.FindAsync(actor, _id))!;

    [Fact]
    public async Task TwoEditorsOpenOneTemplate_TheSecondSaveIsRefusedAsAConflict_AndNothingOfItIsApplied()
    {
        var head = await OpenAsync(_db.RoadsHead);
        var clerk = await OpenAsync(_db.RoadsClerk);

        var first = await _templates.UpdateAsync(_db.RoadsHead, head.Id, head.Version, head.Content with { Title = "Отчёт о ремонте дорог" });
        Assert.True(first.Ok, first.Message);
        var second = await _templates.UpdateAsync(_db.RoadsClerk, clerk.Id, clerk.Version,
            clerk.Content with { Title = "Отчёт клерка", Priority = Priority.Low, Term = new Term(10, TermKind.CalendarDays) });

        Assert.Equal(Failure.Conflict, second.Failure);
        Assert.StartsWith("Шаблон изменили, пока вы его редактировали: ", second.Message);
        var stored = await OpenAsync(_db.RoadsHead);
        Assert.Equal("Отчёт о ремонте дорог", stored.Title);
        Assert.Equal(Priority.High, stored.Priority);
        Assert.Equal(new Term(5, TermKind.WorkingDays), stored.Term);
        Assert.Equal(head.Version + 1, stored.Version);

        // Opened again, the clerk's edit goes through.
        var again = await OpenAsync(_db.RoadsClerk);
        Assert.True((await _templates.UpdateAsync(_db.RoadsClerk, again.Id, again.Version, again.Content with { Title = "Отчёт клерка" })).Ok);
    }

    [Fact]
    public async Task TwoEditorsOpenOneSchedule_TheSecondSaveIsRefused_AndTheFirstRuleStays()
    {
        Assert.True((await _templates.SetScheduleAsync(_db.RoadsHead, _id, MondaysAtNine, null)).Ok);
        _db.Clock.Advance(TimeSpan.FromMinutes(10));
        var head = (await OpenAsync(_db.RoadsHead)).Schedule!;
        var clerk = (await OpenAsync(_db.RoadsClerk)).Schedule!;

        var first = await _templates.SetScheduleAsync(_db.RoadsHead, _id, MondaysAtNine with { Weekday = DayOfWeek.Friday }, head.UpdatedAt);
        Assert.True(first.Ok, first.Message);
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _templates.SetScheduleAsync(_db.RoadsClerk, _id, MondaysAtNine with { Weekday = DayOfWeek.Wednesday }, clerk.UpdatedAt);

        Assert.Equal(Failure.Conflict, second.Failure);
        Assert.StartsWith("Шаблон изменили, пока вы его редактировали: ", second.Message);
        var stored = (await OpenAsync(_db.RoadsHead)).Schedule!;
        Assert.Equal(DayOfWeek.Friday, stored.Recurrence.Weekday);
        await using var db = _db.CreateDbContext();
        Assert.Equal(_db.RoadsHead.EmployeeId, (await db.RecurringSchedules.SingleAsync(s => s.TemplateId == _id)).OwnerId);
    }

    [Fact]
    public async Task AScheduleAddedWhileAnotherOpenedTheEmptyForm_RefusesTheSecondOne()
    {
        Assert.Null((await OpenAsync(_db.RoadsClerk)).Schedule);
        Assert.True((await _templates.SetScheduleAsync(_db.RoadsHead, _id, MondaysAtNine, null)).Ok);

        var second = await _templates.SetScheduleAsync(_db.RoadsClerk, _id, MondaysAtNine with { Weekday = DayOfWeek.Friday }, null);

        Assert.Equal(Failure.Conflict, second.Failure);
        Assert.Equal(DayOfWeek.Monday, (await OpenAsync(_db.RoadsHead)).Schedule!.Recurrence.Weekday);
    }

    [Fact]
    public async Task EachTemplateChange_IsToldAfterTheCommit_WithWhomItIsSharedWith()
    {
        var changes = _db.Services.GetRequiredService<TemplateChanges>();
        var told = new List<TemplateChanged>();
        changes.Changed += told.Add;
        var opened = await OpenAsync(_db.RoadsHead);

        Assert.True((await _templates.UpdateAsync(_db.RoadsHead, _id, opened.Version, opened.Content with { Title = "Новый заголовок" })).Ok);
        Assert.True((await _templates.SetScheduleAsync(_db.RoadsHead, _id, MondaysAtNine, null)).Ok);
        Assert.True((await _templates.PauseAsync(_db.RoadsHead, _id)).Ok);
        Assert.Equal(Failure.Conflict, (await _templates.UpdateAsync(_db.RoadsHead, _id, opened.Version, opened.Content)).Failure);
        Assert.True((await _templates.DeleteAsync(_db.RoadsHead, _id)).Ok);

        Assert.Equal(4, told.Count);
        Assert.All(told, c => Assert.Equal(new TemplateChanged(_id, _db.RoadsClerk.EmployeeId, _db.Roads.Id), c));
        Assert.True(TemplatePolicy.CanView(_db.RoadsHead, told[0]));
        Assert.False(TemplatePolicy.CanView(_db.HousingHead, told[0]));
    }
}
