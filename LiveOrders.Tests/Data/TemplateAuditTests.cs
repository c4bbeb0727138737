using LiveOrders.Core.Audit;
using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Data;

/// <summary>
/// Templates and their schedules in the audit log: each change a person makes is an entry, with who, from where, and the
/// fields before and after; an order a schedule issues names the system and the schedule. The clock starts on Monday
/// 2 March 2026, 10:00 in Novokuznetsk (UTC+7).
/// </summary>
public sealed class TemplateAuditTests : AdministrationFixture
{
    private static readonly TimeOnly Nine = new(9, 0);
    private OrderTemplates Templates => Db.Services.GetRequiredService<OrderTemplates>();

    private static Recurrence FifthWorkingDay(DateOnly? end = null) =>
        new(RecurrenceKind.MonthlyWorkingDay, 5, default, new DateOnly(2026, 3, 1), end, Nine);

    private TemplateContent Report(string title = "Отчёт о ямочном ремонте") =>
        new(title, "Сведения за прошлый месяц", [Db.Housing.Id, Db.Finance.Id], Priority.High, new Term(5, TermKind.WorkingDays));

    private async Task<int> CreateAsync(TemplateContent? content = null)
    {
        var saved = await Templates.CreateAsync(Db.RoadsHead, content ?? Report());
        Assert.True(saved.Ok, saved.Message);
        return saved.Value;
    }

    private async Task<List<AuditEntry>> EntriesAsync(string entityType = TemplateAudit.EntityType)
    {
        await using var db = Db.CreateDbContext();
        return await db.AuditEntries.Where(a => a.EntityType == entityType).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<AuditEntry> LastAsync() => (await EntriesAsync())[^1];

    [Fact]
    public async Task CreatingATemplate_IsAnEntry_WithWhoWhereAndWhatItHolds()
    {
        int id;
        using (AuditOrigin.Use("10.1.2.3"))
            id = await CreateAsync();

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal("template.created", entry.Action);
        Assert.Equal(id.ToString(), entry.EntityId);
        Assert.Equal(Db.RoadsHead.EmployeeId, entry.ActorId);
        Assert.Equal("Дорожный Начальник", entry.ActorName);
        Assert.Equal("10.1.2.3", entry.Address);
        Assert.Equal(Db.Time.UtcNow, entry.At);
        Assert.Equal(AuditKind.Administration, entry.Kind);
        Assert.Equal("Создан шаблон «Отчёт о ямочном ремонте»", entry.Summary);
        Assert.Equal(
            "Заголовок: «Отчёт о ямочном ремонте»\nИсполнители: Управление ЖКХ, Финансовое управление\nПриоритет: Высокий\nСрок: 5 рабочих дней",
            entry.Changes);
    }

    [Fact]
    public async Task EditingATemplate_ListsEachChangedField_BeforeAndAfter_AndOnlyThose()
    {
        var id = await CreateAsync();
        var version = (await Templates.FindAsync(Db.RoadsHead, id))!.Version;
        Db.Clock.Advance(TimeSpan.FromMinutes(7));
        using (AuditOrigin.Use("10.1.2.4"))
        {
            var edited = await Templates.UpdateAsync(Db.RoadsHead, id, version,
                new TemplateContent("Отчёт о ремонте дорог", "Сведения за месяц", [Db.Housing.Id], Priority.High, new Term(10, TermKind.CalendarDays)));
            Assert.True(edited.Ok, edited.Message);
        }

        var entry = await LastAsync();
        Assert.Equal("template.changed", entry.Action);
        Assert.Equal("10.1.2.4", entry.Address);
        Assert.Equal(Db.Time.UtcNow, entry.At);
        Assert.Equal("Изменён шаблон «Отчёт о ремонте дорог»", entry.Summary);
        Assert.Equal(
            "Заголовок: «Отчёт о ямочном ремонте» → «Отчёт о ремонте дорог»\nТекст: изменён\n" +
            "Исполнители: Управление ЖКХ, Финансовое управление → Управление ЖКХ\nСрок: 5 рабочих дней → 10 календарных дней",
            entry.Changes);

        // Saving the same content again changes nothing: no entry.
        var again = await Templates.UpdateAsync(Db.RoadsHead, id, version + 1,
            new TemplateContent("Отчёт о ремонте дорог", "Сведения за месяц", [Db.Housing.Id], Priority.High, new Term(10, TermKind.CalendarDays)));
        Assert.True(again.Ok, again.Message);
        Assert.Equal(2, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task ARefusedEdit_WritesNoEntry()
    {
        var id = await CreateAsync();
        var stale = await Templates.UpdateAsync(Db.RoadsHead, id, 999, Report("Другой заголовок"));
        Assert.False(stale.Ok);
        var foreign = await Templates.UpdateAsync(Db.RoadsClerk, id, 1, Report("Другой заголовок"));
        Assert.False(foreign.Ok);
        Assert.Single(await EntriesAsync());
    }

    [Fact]
    public async Task DeletingATemplate_IsAnEntry_WithWhatItHeldAndItsSchedule()
    {
        var id = await CreateAsync();
        Assert.True((await Templates.SetScheduleAsync(Db.RoadsHead, id, FifthWorkingDay(), null)).Ok);
        using (AuditOrigin.Use("10.1.2.5"))
            Assert.True((await Templates.DeleteAsync(Db.RoadsHead, id)).Ok);

        var entry = await LastAsync();
        Assert.Equal("template.deleted", entry.Action);
        Assert.Equal(id.ToString(), entry.EntityId);
        Assert.Equal("10.1.2.5", entry.Address);
        Assert.Equal("Удалён шаблон «Отчёт о ямочном ремонте»", entry.Summary);
        Assert.Equal(
            "Заголовок: «Отчёт о ямочном ремонте»\nИсполнители: Управление ЖКХ, Финансовое управление\nПриоритет: Высокий\nСрок: 5 рабочих дней\n" +
            "Расписание: ежемесячно, 5-й рабочий день, в 09:00 → —",
            entry.Changes);
    }

    [Fact]
    public async Task SettingAndChangingASchedule_AreEntries_WithTheRuleBeforeAndAfter()
    {
        var id = await CreateAsync();
        using (AuditOrigin.Use("10.1.2.6"))
            Assert.True((await Templates.SetScheduleAsync(Db.RoadsHead, id, FifthWorkingDay(), null)).Ok);
        var set = await LastAsync();
        Assert.Equal("schedule.set", set.Action);
        Assert.Equal("10.1.2.6", set.Address);
        Assert.Equal(AuditKind.Administration, set.Kind);
        Assert.Equal("Задано расписание шаблона «Отчёт о ямочном ремонте»", set.Summary);
        Assert.Equal("Повторение: ежемесячно, 5-й рабочий день, в 09:00\nНачало: 01.03.2026\nАвтор поручений: Дорожный Начальник", set.Changes);

        Db.Clock.Advance(TimeSpan.FromMinutes(1));
        var seen = (await Templates.FindAsync(Db.RoadsHead, id))!.Schedule!.UpdatedAt;
        var weekly = new Recurrence(RecurrenceKind.Weekly, 0, DayOfWeek.Friday, new DateOnly(2026, 3, 2), new DateOnly(2026, 12, 31), new TimeOnly(14, 30));
        Assert.True((await Templates.SetScheduleAsync(Db.RoadsHead, id, weekly, seen)).Ok);
        var changed = await LastAsync();
        Assert.Equal("schedule.changed", changed.Action);
        Assert.Equal("Изменено расписание шаблона «Отчёт о ямочном ремонте»", changed.Summary);
        Assert.Equal(
            "Повторение: ежемесячно, 5-й рабочий день, в 09:00 → еженедельно, пятница (с переносом на рабочий день), в 14:30\n" +
            "Начало: 01.03.2026 → 02.03.2026\nОкончание: — → 31.12.2026",
            changed.Changes);
    }

    [Fact]
    public async Task PausingResumingAndEndingASchedule_AreEntries_WithTheStateBeforeAndAfter()
    {
        var id = await CreateAsync();
        Assert.True((await Templates.SetScheduleAsync(Db.RoadsHead, id, FifthWorkingDay(), null)).Ok);
        using (AuditOrigin.Use("10.1.2.7"))
        {
            Assert.True((await Templates.PauseAsync(Db.RoadsHead, id)).Ok);
            Assert.True((await Templates.PauseAsync(Db.RoadsHead, id)).Ok);   // already paused: nothing changes, no entry
            Assert.True((await Templates.ResumeAsync(Db.RoadsHead, id)).Ok);
            Assert.True((await Templates.RemoveScheduleAsync(Db.RoadsHead, id)).Ok);
        }

        var entries = (await EntriesAsync()).Skip(2).ToList();
        Assert.Equal(["schedule.paused", "schedule.resumed", "schedule.ended"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("10.1.2.7", e.Address));
        Assert.All(entries, e => Assert.Equal("Дорожный Начальник", e.ActorName));
        Assert.Equal(
            [
                "Приостановлено расписание шаблона «Отчёт о ямочном ремонте»",
                "Возобновлено расписание шаблона «Отчёт о ямочном ремонте»",
                "Снято расписание шаблона «Отчёт о ямочном ремонте»",
            ],
            entries.Select(e => e.Summary));
        Assert.Equal(
            [
                "Повторение: ежемесячно, 5-й рабочий день, в 09:00\nСостояние: действует → приостановлено",
                "Повторение: ежемесячно, 5-й рабочий день, в 09:00\nСостояние: приостановлено → действует",
                "Повторение: ежемесячно, 5-й рабочий день, в 09:00 → —",
            ],
            entries.Select(e => e.Changes));
    }

    [Fact]
    public async Task AnOrderIssuedByASchedule_NamesTheSystemAndTheSchedule_WithoutAnAddress()
    {
        var id = await CreateAsync(Report() with { DepartmentIds = [Db.Housing.Id] });
        Assert.True((await Templates.SetScheduleAsync(Db.RoadsHead, id, FifthWorkingDay(), null)).Ok);
        var issuer = ActivatorUtilities.CreateInstance<RecurringOrderIssuer>(Db.Services,
            Options.Create(new RecurringOptions { CatchUp = TimeSpan.FromDays(3) }));
        // The fifth working day of March is Friday 6 March, 09:00 local; five working days on (9 March is off for the 8th) is the 16th.
        var instant = Db.Time.ToUtc(new DateTime(2026, 3, 6, 9, 0, 0));
        Db.Clock.Set(instant);
        using (AuditOrigin.Use("10.1.2.8"))   // whatever request happens to be around, the system's work has no address of a person
        using (AuditOrigin.Use(null))
            Assert.Equal(1, await issuer.IssueDueAsync(instant));

        var entries = await EntriesAsync(nameof(Order));
        Assert.Equal(["order.created", "order.sent"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Null(e.ActorId));
        Assert.All(entries, e => Assert.Equal("Система", e.ActorName));
        Assert.All(entries, e => Assert.Null(e.Address));
        Assert.All(entries, e => Assert.Equal(AuditKind.Orders, e.Kind));
        const string Schedule = "По расписанию шаблона «Отчёт о ямочном ремонте» (ежемесячно, 5-й рабочий день, в 09:00), от имени: Дорожный Начальник";
        Assert.Equal(
            "Заголовок: «Отчёт о ямочном ремонте»\nИсполняет: Управление ЖКХ\nСрок: 16.03.2026 18:00\nПриоритет: Высокий\n" + Schedule,
            entries[0].Changes);
        Assert.EndsWith(Schedule, entries[1].Changes);

        // The order is still the owner's; a person's own change to it afterwards names that person again.
        await using var db = Db.CreateDbContext();
        var order = await db.Orders.SingleAsync(o => o.Title == "Отчёт о ямочном ремонте");
        Assert.Equal(Db.RoadsHead.EmployeeId, order.AuthorId);
        Assert.True((await Db.Orders.CommentAsync(Db.RoadsHead, order.Id, "Жду к сроку")).Ok);
        Assert.Equal("Дорожный Начальник", (await EntriesAsync(nameof(Order))).Last().ActorName);
    }

    [Fact]
    public async Task AnOccurrenceTheScheduleCouldNotIssue_IsTheSystemsEntry()
    {
        var id = await CreateAsync(Report() with { DepartmentIds = [Db.Housing.Id] });
        Assert.True((await Templates.SetScheduleAsync(Db.RoadsHead, id, FifthWorkingDay(), null)).Ok);
        // The owner left (switched off by hand here, as the recurring tests do).
        await using (var db = Db.CreateDbContext())
            await db.Employees.Where(e => e.Id == Db.RoadsHead.EmployeeId).ExecuteUpdateAsync(s => s.SetProperty(e => e.IsActive, false));
        var issuer = ActivatorUtilities.CreateInstance<RecurringOrderIssuer>(Db.Services,
            Options.Create(new RecurringOptions { CatchUp = TimeSpan.FromDays(3) }));
        var instant = Db.Time.ToUtc(new DateTime(2026, 3, 6, 9, 0, 0));
        Db.Clock.Set(instant);
        Assert.Equal(0, await issuer.IssueDueAsync(instant));

        var entry = await LastAsync();
        Assert.Equal("schedule.failed", entry.Action);
        Assert.Null(entry.ActorId);
        Assert.Equal("Система", entry.ActorName);
        Assert.Null(entry.Address);
        Assert.Equal("Расписание шаблона «Отчёт о ямочном ремонте» не выдало поручение за 06.03.2026", entry.Summary);
        Assert.Equal("Причина: Владелец расписания больше не работает в системе.\nПовторение: ежемесячно, 5-й рабочий день, в 09:00", entry.Changes);
    }

    [Fact]
    public async Task TheLogsSectionFilter_FindsTemplateEntries_UnderAdministration()
    {
        var id = await CreateAsync();
        Assert.True((await Templates.SetScheduleAsync(Db.RoadsHead, id, FifthWorkingDay(), null)).Ok);
        var log = Db.Services.GetRequiredService<AuditLog>();

        var administration = (await log.PageAsync(Admin, new AuditFilter(Kind: AuditKind.Administration), 0, 50)).Value!.Items;
        Assert.Equal(["schedule.set", "template.created"], administration.Where(r => r.EntityType == TemplateAudit.EntityType).Select(r => r.Action));
        var orders = (await log.PageAsync(Admin, new AuditFilter(Kind: AuditKind.Orders), 0, 50)).Value!.Items;
        Assert.DoesNotContain(orders, r => r.EntityType == TemplateAudit.EntityType);
        var found = (await log.PageAsync(Admin, new AuditFilter(Text: "ЯМОЧНОМ"), 0, 50)).Value!.Items;
        Assert.Equal(2, found.Count);
    }
}
