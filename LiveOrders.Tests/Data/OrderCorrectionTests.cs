using LiveOrders.Core;
using LiveOrders.Core.Live;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Tests.Data;

public sealed class OrderCorrectionTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>An order Roads sent to Housing, accepted and assigned to the housing clerk.</summary>
    private async Task<(int Id, int Version)> AssignedAsync()
    {
        var order = await _db.SendRoadsToHousingAsync("Отремонтировать ливнёвку");
        var v = await _db.VersionOfAsync(order.Id);
        v = (await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, v, new AcceptOrder())).Value;
        v = (await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, v, new AssignOrder(_db.HousingClerk.EmployeeId))).Value;
        return (order.Id, v);
    }

    [Fact]
    public async Task ACorrection_ChangesTheWording_AndRecordsEachChangedFieldWithBeforeAndAfter()
    {
        var (id, v) = await AssignedAsync();

        var result = await _db.Orders.CorrectAsync(_db.RoadsHead, id, v, "Отремонтировать ливнёвку на ул. Мира", "Текст", Priority.High);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(v + 1, result.Value);
        var details = (await _db.Queries.GetAsync(_db.RoadsHead, id)).Value!;
        Assert.Equal("Отремонтировать ливнёвку на ул. Мира", details.Title);
        Assert.Equal(Priority.High, details.Priority);
        var corrected = Assert.Single(details.History, e => e.Kind == OrderEventKind.Corrected);
        Assert.Equal("Название: «Отремонтировать ливнёвку» → «Отремонтировать ливнёвку на ул. Мира»; Приоритет: «Обычный» → «Высокий»",
            corrected.Reason);
        // The list's search follows the new title.
        await using var db = _db.CreateDbContext();
        Assert.Contains("ул. мира", (await db.Orders.SingleAsync(o => o.Id == id)).SearchKey);
    }

    [Fact]
    public async Task ACorrection_NotifiesTheExecutorsAndTheExecutingHead_AndIsPublishedLive()
    {
        var (id, v) = await AssignedAsync();

        var result = await _db.Orders.CorrectAsync(_db.RoadsHead, id, v, "Новое название", "Текст", Priority.Normal);

        Assert.True(result.Ok, result.Message);
        await using var db = _db.CreateDbContext();
        var told = await db.Notifications.Where(n => n.OrderId == id && n.Kind == NotificationKind.Corrected).Select(n => n.RecipientId).ToListAsync();
        Assert.Equal(new[] { _db.HousingHead.EmployeeId, _db.HousingClerk.EmployeeId }.Order(), told.Order());
        var change = _db.Feed.Published.Last();
        Assert.Equal((id, OrderEventKind.Corrected, result.Value), (change.OrderId, change.Event, change.Version));
        Assert.Equal("Новое название", change.Card!.Title);
    }

    [Fact]
    public async Task ACorrection_FromAStaleVersion_IsAConflict_AndChangesNothing()
    {
        var (id, v) = await AssignedAsync();

        var result = await _db.Orders.CorrectAsync(_db.RoadsHead, id, v - 1, "Новое название", "Текст", Priority.Normal);

        Assert.Equal(Failure.Conflict, result.Failure);
        Assert.Equal("Отремонтировать ливнёвку", (await _db.Queries.GetAsync(_db.RoadsHead, id)).Value!.Title);
    }

    [Fact]
    public async Task OnlyTheAuthor_MayCorrect()
    {
        var (id, v) = await AssignedAsync();

        foreach (var actor in new[] { _db.HousingHead, _db.HousingClerk, _db.Deputy, _db.RoadsClerk })
        {
            var result = await _db.Orders.CorrectAsync(actor, id, v, "Чужая правка", "Текст", Priority.Urgent);
            Assert.Equal(Failure.Forbidden, result.Failure);
        }
        Assert.Equal(v, await _db.VersionOfAsync(id));
    }

    [Theory]
    [InlineData("   ", "title")]
    [InlineData("Заголовок\u0007", "title")]
    public async Task ACorrection_IsCheckedAsACreationIs(string title, string field)
    {
        var (id, v) = await AssignedAsync();

        var result = await _db.Orders.CorrectAsync(_db.RoadsHead, id, v, title, "Текст", Priority.Normal);

        Assert.Equal((Failure.Invalid, field), (result.Failure, result.Field));
        Assert.Equal(v, await _db.VersionOfAsync(id));
    }

    [Fact]
    public async Task ACorrection_ThatChangesNothing_IsRefused()
    {
        var (id, v) = await AssignedAsync();

        var result = await _db.Orders.CorrectAsync(_db.RoadsHead, id, v, "Отремонтировать ливнёвку", "Текст", Priority.Normal);

        Assert.Equal(Failure.Invalid, result.Failure);
        Assert.Equal(v, await _db.VersionOfAsync(id));
    }

    [Fact]
    public void ALongTextInTheHistory_IsShortened_SoTheEventFits()
    {
        var description = OrderCorrection.Describe("Текст", new string('а', 20_000), new string('б', 20_000));
        Assert.True(description.Length <= Order.ReasonMaxLength / 3, description.Length.ToString());
        Assert.EndsWith("…»", description);
    }
}

public sealed class DraftEditingTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task TheAuthorRewritesHerDraftWhole_AndNobodyIsNotified()
    {
        var draft = await _db.SendRoadsToHousingAsync("Черновик", send: false);
        var v = await _db.VersionOfAsync(draft.Id);
        var due = _db.Clock.GetUtcNow().UtcDateTime.AddDays(10);

        var result = await _db.Orders.EditDraftAsync(_db.RoadsHead, draft.Id, v,
            new OrderDraft("Проверить отчёт", "Новый текст", _db.Finance.Id, Priority.Urgent, due, OnControl: true));

        Assert.True(result.Ok, result.Message);
        var details = (await _db.Queries.GetAsync(_db.RoadsHead, draft.Id)).Value!;
        Assert.Equal(("Проверить отчёт", "Новый текст", _db.Finance.Id, Priority.Urgent, true, OrderStatus.Draft),
            (details.Title, details.Text, details.ExecutingDepartmentId, details.Priority, details.OnControl, details.Status));
        Assert.Equal(due, details.DueAt, TimeSpan.FromSeconds(1));
        Assert.Contains(details.History, e => e.Kind == OrderEventKind.DraftEdited);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Notifications.AnyAsync(n => n.OrderId == draft.Id));
    }

    [Fact]
    public async Task ADraftEdit_IsCheckedAsACreation_RefusedToOthers_AndToAStaleVersion()
    {
        var draft = await _db.SendRoadsToHousingAsync("Черновик", send: false);
        var v = await _db.VersionOfAsync(draft.Id);
        var past = new OrderDraft("Название", null, _db.Housing.Id, Priority.Normal, _db.Clock.GetUtcNow().UtcDateTime.AddHours(-1));
        var fine = past with { DueAt = _db.Clock.GetUtcNow().UtcDateTime.AddDays(2) };

        Assert.Equal((Failure.Invalid, "dueAt"), ((await _db.Orders.EditDraftAsync(_db.RoadsHead, draft.Id, v, past)) is var r ? (r.Failure, r.Field) : default));
        Assert.Equal(Failure.NotFound, (await _db.Orders.EditDraftAsync(_db.HousingHead, draft.Id, v, fine)).Failure);
        Assert.Equal(Failure.Conflict, (await _db.Orders.EditDraftAsync(_db.RoadsHead, draft.Id, v - 1, fine)).Failure);
        Assert.Equal(v, await _db.VersionOfAsync(draft.Id));

        var sent = await _db.Orders.ExecuteAsync(_db.RoadsHead, draft.Id, v, new SendOrder());
        Assert.True(sent.Ok, sent.Message);
        Assert.Equal(Failure.Forbidden, (await _db.Orders.EditDraftAsync(_db.RoadsHead, draft.Id, sent.Value, fine)).Failure);
    }
}

public sealed class AuthorDueChangeTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task TheAuthorMovesTheDueTime_WithAReason_RecordedAndTheExecutorsTold()
    {
        var order = await _db.SendRoadsToHousingAsync();
        var v = await _db.VersionOfAsync(order.Id);
        var newDue = _db.Clock.GetUtcNow().UtcDateTime.AddDays(1);

        var noReason = await _db.Orders.ExecuteAsync(_db.RoadsHead, order.Id, v, new ChangeDue(newDue, "  "));
        Assert.Equal((Failure.Invalid, "reason"), (noReason.Failure, noReason.Field));
        var byExecutor = await _db.Orders.ExecuteAsync(_db.HousingHead, order.Id, v, new ChangeDue(newDue, "Раньше"));
        Assert.Equal(Failure.Forbidden, byExecutor.Failure);

        var result = await _db.Orders.ExecuteAsync(_db.RoadsHead, order.Id, v, new ChangeDue(newDue, "Совещание перенесли на завтра"));

        Assert.True(result.Ok, result.Message);
        var details = (await _db.Queries.GetAsync(_db.RoadsHead, order.Id)).Value!;
        Assert.Equal(newDue, details.DueAt, TimeSpan.FromSeconds(1));
        var changed = Assert.Single(details.History, e => e.Kind == OrderEventKind.DueChanged);
        Assert.Equal("Совещание перенесли на завтра", changed.Reason);
        await using var db = _db.CreateDbContext();
        Assert.Contains(await db.Notifications.Where(n => n.OrderId == order.Id && n.Kind == NotificationKind.DueChanged).Select(n => n.RecipientId).ToListAsync(),
            id => id == _db.HousingHead.EmployeeId);
    }
}
