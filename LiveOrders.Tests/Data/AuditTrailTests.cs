using LiveOrders.Core;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Control;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// The audit trail written by the save itself: an entry for every order event (with the fields before and after) and every
/// comment, the ambient address stamped on each, and no way to change or delete one.
/// </summary>
public sealed class AuditTrailTests : AdministrationFixture
{
    private AuditLog Log => Db.Services.GetRequiredService<AuditLog>();

    private async Task<List<AuditEntry>> EntriesAsync(AuditKind kind)
    {
        await using var db = Db.CreateDbContext();
        return await db.AuditEntries.Where(a => a.Kind == kind).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task EveryOrderEvent_GivesAnEntry_WithWhoWhenAndTheFieldsBeforeAndAfter()
    {
        CreatedOrder order;
        using (AuditOrigin.Use("10.20.30.40"))
            order = await Db.SendRoadsToHousingAsync();
        Db.Clock.Advance(TimeSpan.FromMinutes(5));
        using (AuditOrigin.Use("10.20.30.41"))
        {
            var accepted = await Db.Orders.ExecuteAsync(Db.HousingHead, order.Id, await Db.VersionOfAsync(order.Id), new AcceptOrder());
            Assert.True(accepted.Ok, accepted.Message);
            var moved = await Db.Orders.ExecuteAsync(Db.RoadsHead, order.Id, accepted.Value, new ChangeDue(Db.Time.UtcNow.AddDays(5), "Сдвинули работы"));
            Assert.True(moved.Ok, moved.Message);
        }

        var entries = await EntriesAsync(AuditKind.Orders);
        Assert.Equal(["order.created", "order.sent", "order.accepted", "order.duechanged"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(order.Id, e.OrderId));
        Assert.All(entries, e => Assert.Equal(order.Number, e.EntityId));
        Assert.Equal(["10.20.30.40", "10.20.30.40", "10.20.30.41", "10.20.30.41"], entries.Select(e => e.Address));

        var created = entries[0];
        Assert.Equal(Db.RoadsHead.FullName, created.ActorName);
        Assert.Contains("Заголовок: «Отремонтировать ливнёвку»", created.Changes);
        Assert.Contains("Исполняет: Управление ЖКХ", created.Changes);
        // Created at 02.03.2026 10:00 local (03:00 UTC, Novokuznetsk +7), due three days later.
        Assert.Contains("Срок: 05.03.2026 10:00", created.Changes);

        var accept = entries[2];
        Assert.Equal(Db.HousingHead.EmployeeId, accept.ActorId);
        Assert.Equal(Db.Time.UtcNow, accept.At);
        Assert.Equal($"Поручение {order.Number} «Отремонтировать ливнёвку»: Принято в работу", accept.Summary);
        Assert.Contains("Статус: Новое → В работе", accept.Changes);

        var due = entries[3];
        Assert.Contains("Срок: 05.03.2026 10:00 → 07.03.2026 10:05", due.Changes);
        Assert.Contains("Причина: Сдвинули работы", due.Changes);
    }

    [Fact]
    public async Task ACorrection_ShowsTheTitleAndPriority_BeforeAndAfter()
    {
        var order = await Db.SendRoadsToHousingAsync("Починить люк");
        var corrected = await Db.Orders.ExecuteAsync(Db.RoadsHead, order.Id, await Db.VersionOfAsync(order.Id),
            new CorrectOrder("Починить два люка", "Текст", Priority.Urgent));
        Assert.True(corrected.Ok, corrected.Message);

        var entry = (await EntriesAsync(AuditKind.Orders)).Single(e => e.Action == "order.corrected");
        Assert.Contains("Заголовок: «Починить люк» → «Починить два люка»", entry.Changes);
        Assert.Contains($"Приоритет: {Priority.Normal.Russian()} → {Priority.Urgent.Russian()}", entry.Changes);
        Assert.DoesNotContain("Текст:", entry.Changes);   // the text did not change
    }

    [Fact]
    public async Task AnAssignment_ShowsTheCoExecutors_BeforeAndAfter()
    {
        var order = await Db.SendRoadsToHousingAsync();
        var accepted = await Db.Orders.ExecuteAsync(Db.HousingHead, order.Id, await Db.VersionOfAsync(order.Id), new AcceptOrder());
        Assert.True(accepted.Ok, accepted.Message);
        var first = await Db.Orders.ExecuteAsync(Db.HousingHead, order.Id, accepted.Value,
            new AssignOrder(Db.HousingClerk.EmployeeId, [Db.HousingHead.EmployeeId]));
        Assert.True(first.Ok, first.Message);
        var second = await Db.Orders.ExecuteAsync(Db.HousingHead, order.Id, first.Value,
            new AssignOrder(Db.HousingClerk.EmployeeId, [Db.RoadsClerk.EmployeeId, Db.FinanceHead.EmployeeId]));
        Assert.True(second.Ok, second.Message);
        var third = await Db.Orders.ExecuteAsync(Db.HousingHead, order.Id, second.Value, new AssignOrder(Db.HousingHead.EmployeeId));
        Assert.True(third.Ok, third.Message);

        var assigned = (await EntriesAsync(AuditKind.Orders)).Where(e => e.Action == "order.assigned").ToList();
        Assert.Equal(
            [
                "Ответственный: — → Жилищный Сотрудник\nСоисполнители: — → Жилищный Начальник",
                "Соисполнители: Жилищный Начальник → Дорожный Сотрудник, Финансовый Начальник\nСотрудник: Жилищный Сотрудник",
                "Ответственный: Жилищный Сотрудник → Жилищный Начальник\nСоисполнители: Дорожный Сотрудник, Финансовый Начальник → —",
            ],
            assigned.Select(e => e.Changes));
    }

    [Fact]
    public async Task TheSystemsOwnWork_IsRecordedAsTheSystem_WithoutAnAddress()
    {
        var order = await Db.SendRoadsToHousingAsync();
        Db.Clock.Advance(TimeSpan.FromDays(4));
        await Db.Services.GetRequiredService<LiveOrders.Core.Deadlines.DeadlineWatcher>().ProcessDueAsync(Db.Time.UtcNow);

        var overdue = (await EntriesAsync(AuditKind.Orders)).Single(e => e.Action == "order.overdue");
        Assert.Null(overdue.ActorId);
        Assert.Equal("Система", overdue.ActorName);
        Assert.Null(overdue.Address);
        Assert.Equal(order.Id, overdue.OrderId);
    }

    [Fact]
    public async Task AComment_GivesAnEntry_WithItsText()
    {
        var order = await Db.SendRoadsToHousingAsync();
        using (AuditOrigin.Use("192.0.2.5"))
            Assert.True((await Db.Orders.CommentAsync(Db.HousingClerk, order.Id, "Выехали на место")).Ok);

        var entry = Assert.Single(await EntriesAsync(AuditKind.Comments));
        Assert.Equal(Db.HousingClerk.FullName, entry.ActorName);
        Assert.Equal("192.0.2.5", entry.Address);
        Assert.Equal(order.Id, entry.OrderId);
        Assert.Contains("Выехали на место", entry.Changes);
    }

    [Fact]
    public async Task ADisplayLink_AndItsRevocation_AreEachAnEntry()
    {
        var links = Db.Services.GetRequiredService<DisplayLinks>();
        using (AuditOrigin.Use("198.51.100.7"))
        {
            Assert.True((await links.CreateAsync(Admin, "Зал заседаний", Db.Deputy.EmployeeId)).Ok);
            int id;
            await using (var db = Db.CreateDbContext()) id = await db.DisplayLinks.Select(l => l.Id).SingleAsync();
            Assert.True((await links.RevokeAsync(Admin, id)).Ok);
        }

        var entries = await EntriesAsync(AuditKind.DisplayLinks);
        Assert.Equal([AuditActions.DisplayLinkCreated, AuditActions.DisplayLinkRevoked], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("198.51.100.7", Admin.FullName), (e.Address, e.ActorName)));
        Assert.Contains("Зал заседаний", entries[1].Summary);
        Assert.Contains(Db.Deputy.FullName, entries[0].Changes);
    }

    [Fact]
    public async Task AnAdministrativeChange_CarriesTheAddress_ThoughItsUseCaseNeverNamesOne()
    {
        using (AuditOrigin.Use("203.0.113.9"))
            Assert.True((await Departments.CreateAsync(Admin, new DepartmentForm("Отдел культуры", "Культура", Db.Roads.Id, null))).Ok);

        var entry = Assert.Single(await EntriesAsync(AuditKind.Administration));
        Assert.Equal("203.0.113.9", entry.Address);
        Assert.Equal("department.created", entry.Action);
    }

    [Fact]
    public async Task AnApiKey_IssuedAndRevoked_IsInTheKeysSection_WithTheAddress_AndNeverItsSecret()
    {
        var keys = new LiveOrders.Core.Integrations.ApiKeys(Db, Db.Time);
        LiveOrders.Core.Integrations.IssuedApiKey issued;
        using (AuditOrigin.Use("192.0.2.44"))
        {
            issued = (await keys.IssueAsync(Admin, new LiveOrders.Core.Integrations.ApiKeyRequest("СЭД", Db.HousingHead.EmployeeId, [Db.Housing.Id], false))).Value!;
            Assert.True((await keys.RevokeAsync(Admin, issued.Id)).Ok);
        }

        var entries = await EntriesAsync(AuditKind.ApiKeys);
        Assert.Equal(["apikey.issued", "apikey.revoked"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("192.0.2.44", e.Address));
        Assert.DoesNotContain(entries, e => (e.Summary + e.Changes).Contains(issued.Secret));
    }

    [Fact]
    public async Task AnEntry_CannotBeChanged_OrDeleted_AndTheRefusedSaveWritesNothing()
    {
        var order = await Db.SendRoadsToHousingAsync();
        await using (var db = Db.CreateDbContext())
        {
            var entry = await db.AuditEntries.FirstAsync();
            db.Entry(entry).Property(e => e.Summary).CurrentValue = "Подчищено";
            db.OrderComments.Add(OrderComment.Create(order.Id, Db.RoadsHead.EmployeeId, "Под шумок", Db.Time.UtcNow));
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Equal(AuditTrailRefusal, refused.Message);
        }
        await using (var db = Db.CreateDbContext())
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await using var check = Db.CreateDbContext();
        Assert.Equal(0, await check.OrderComments.CountAsync());
        Assert.Equal(0, await check.AuditEntries.CountAsync(a => a.Summary == "Подчищено"));
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Kind == AuditKind.Orders));
    }

    [Fact]
    public async Task BulkSql_PastTheDbContext_CannotChangeOrDeleteAnEntry_EitherTheDatabaseRefuses()
    {
        await Db.SendRoadsToHousingAsync();
        await using var db = Db.CreateDbContext();
        var before = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Summary).ToListAsync();
        // Each provider's own exception (SqliteException, PostgresException), with the triggers' refusal text.
        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(a => a.Summary, "Подчищено")));
        Assert.Contains(AuditTrailRefusal, update.Message);
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.AuditEntries.ExecuteDeleteAsync());
        Assert.Contains(AuditTrailRefusal, delete.Message);
        Assert.Equal(before, await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Summary).ToListAsync());
    }

    private const string AuditTrailRefusal = "Журнал изменений только дополняется: записи нельзя изменять и удалять.";

    [Fact]
    public async Task TheFilters_MatchCyrillicWhateverTheCase_ByPeriodKindPersonAndAddress()
    {
        using (AuditOrigin.Use("10.0.0.1"))
            await Db.SendRoadsToHousingAsync("Первый ремонт");
        Db.Clock.Advance(TimeSpan.FromDays(2));
        using (AuditOrigin.Use("10.0.0.2"))
            await Db.SendRoadsToHousingAsync("Второй ремонт");
        using (AuditOrigin.Use("172.16.0.1"))
            Assert.True((await Db.Orders.CommentAsync(Db.HousingHead, (await Db.SendRoadsToHousingAsync("Третий")).Id, "Готово")).Ok);
        var admin = Admin;

        async Task<List<string>> Summaries(AuditFilter filter) =>
            (await Log.PageAsync(admin, filter, 0, 50)).Value!.Items.Select(i => i.Summary).ToList();

        Assert.All(await Summaries(new AuditFilter(Text: "ПЕРВЫЙ")), s => Assert.Contains("П-", s));
        Assert.Equal(2, (await Summaries(new AuditFilter(Text: "ПЕРВЫЙ"))).Count);   // created, sent
        Assert.Equal(2, (await Summaries(new AuditFilter(To: new DateOnly(2026, 3, 2)))).Count);
        Assert.Equal(["комментарий"], (await Summaries(new AuditFilter(Kind: AuditKind.Comments))).Select(s => s.Split("»: ")[1]));
        Assert.Equal(3, (await Summaries(new AuditFilter(Person: "дорожный НАЧ"))).Count(s => s.Contains("Создано")));
        Assert.Equal(["Готово"], (await Log.PageAsync(admin, new AuditFilter(Person: "ЖИЛИЩНЫЙ"), 0, 50)).Value!.Items.Select(i => i.Changes.Split(": ")[1]));
        Assert.Equal(4, (await Summaries(new AuditFilter(Address: "10.0.0."))).Count);
        Assert.Equal(2, (await Summaries(new AuditFilter(Address: "10.0.0.2"))).Count);
        Assert.Empty(await Summaries(new AuditFilter(Text: "100%")));

        var page = (await Log.PageAsync(admin, AuditFilter.None, 0, 3)).Value!;
        Assert.Equal(7, page.Total);
        Assert.Equal(3, page.Items.Count);
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.At >= p.Second.At), "newest first");
    }

    [Fact]
    public async Task ControlMayReadTheLog_ADepartmentHeadMayNot()
    {
        await Db.SendRoadsToHousingAsync();
        Assert.True((await Log.PageAsync(Db.Controller, AuditFilter.None, 0, 10)).Ok);
        var inControl = Db.FinanceHead with { InControlDepartment = true };
        Assert.True((await Log.PageAsync(inControl, AuditFilter.None, 0, 10)).Ok);
        var refused = await Log.PageAsync(Db.RoadsHead, AuditFilter.None, 0, 10);
        Assert.Equal(Failure.Forbidden, refused.Failure);
        Assert.False(AccessPolicy.CanViewAudit(Db.Deputy));
    }

    [Fact]
    public async Task TheExport_HoldsTheFilteredLog_WithLocalTimes()
    {
        using (AuditOrigin.Use("10.9.8.7"))
            Assert.True((await Db.Orders.CommentAsync(Db.HousingClerk, (await Db.SendRoadsToHousingAsync()).Id, "Принято к сведению")).Ok);
        var exports = Db.Services.GetRequiredService<AuditExports>();

        var xlsx = await exports.ExportAsync(Db.Controller, new AuditFilter(Kind: AuditKind.Comments), ExportFormat.Xlsx);
        var sheet = Xlsx.Read(xlsx.Value!.Content)["Журнал изменений"];
        Assert.Equal(AuditExports.Headers, sheet[0].Select(c => c.Text));
        var row = Assert.Single(sheet.Skip(1));
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0), row[0].Date);
        Assert.Equal(Db.HousingClerk.FullName, row[1].Text);
        Assert.Equal("10.9.8.7", row[2].Text);
        Assert.Equal("Комментарии", row[3].Text);
        Assert.Contains("Принято к сведению", row[6].Text);

        var csv = System.Text.Encoding.UTF8.GetString((await exports.ExportAsync(Db.Controller, new AuditFilter(Kind: AuditKind.Comments), ExportFormat.Csv)).Value!.Content);
        Assert.Contains("10.9.8.7", csv);
        Assert.Contains("02.03.2026 10:00", csv);
        Assert.DoesNotContain("Создано", csv);

        Assert.Equal(Failure.Forbidden, (await exports.ExportAsync(Db.RoadsHead, AuditFilter.None, ExportFormat.Csv)).Failure);
    }
}
