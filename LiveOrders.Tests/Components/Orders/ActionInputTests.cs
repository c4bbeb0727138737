using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Orders;

namespace LiveOrders.Tests.Components.Orders;

public sealed class ActionInputTests
{
    private static readonly MunicipalTime Time = new(new FakeClock(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero)),
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Novokuznetsk"));

    [Fact]
    public void ANewDueTime_IsReadOnTheMunicipalitysClock()
    {
        var input = new ActionInput(OrderAction.RequestExtension) { DueDate = new DateTime(2026, 3, 20), DueTime = new TimeSpan(18, 0, 0), Text = "Подрядчик" };
        var (command, error) = input.ToCommand(Time);
        Assert.Null(error);
        var request = Assert.IsType<RequestExtension>(command);
        Assert.Equal(new DateTime(2026, 3, 20, 11, 0, 0, DateTimeKind.Utc), request.NewDueAt);   // Novokuznetsk is UTC+7
    }

    [Theory]
    [InlineData(OrderAction.Assign, "Выберите ответственного исполнителя.")]
    [InlineData(OrderAction.Forward, "Выберите подразделение.")]
    [InlineData(OrderAction.RequestExtension, "Укажите новый срок: дату и время.")]
    public void WhatCannotBecomeACommand_IsSaidInRussian(OrderAction action, string message)
    {
        var (command, error) = new ActionInput(action).ToCommand(Time);
        Assert.Null(command);
        Assert.Equal(message, error);
    }

    [Fact]
    public void TheResponsible_IsNeverAlsoACoExecutor()
    {
        var input = new ActionInput(OrderAction.Assign) { ResponsibleId = 5, CoExecutorIds = [5, 6] };
        var command = Assert.IsType<AssignOrder>(input.ToCommand(Time).Command);
        Assert.Equal([6], command.CoExecutorIds);
    }
}
