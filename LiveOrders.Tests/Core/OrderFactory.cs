using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;

namespace LiveOrders.Tests.Core;

/// <summary>People and orders in memory for the rule tables: Roads (10) issues to Housing (20).</summary>
internal static class OrderFactory
{
    public const int Roads = 10, Housing = 20, Finance = 30, Administration = 1, Control = 40;
    public static readonly DateTime Now = new(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc);

    public static readonly Dictionary<string, Actor> People = new()
    {
        ["roadsHead"] = new(1, "Дорожный Начальник", Roads, Role.DepartmentHead, []),
        ["roadsClerk"] = new(2, "Дорожный Сотрудник", Roads, Role.Employee, []),
        ["housingHead"] = new(3, "Жилищный Начальник", Housing, Role.DepartmentHead, []),
        ["housingClerk"] = new(4, "Жилищный Сотрудник", Housing, Role.Employee, []),
        ["housingOther"] = new(10, "Другой Сотрудник ЖКХ", Housing, Role.Employee, []),
        ["financeHead"] = new(5, "Финансовый Начальник", Finance, Role.DepartmentHead, []),
        ["deputy"] = new(6, "Зам Курирующий", Administration, Role.DeputyHead, [Roads, Housing]),
        ["otherDeputy"] = new(9, "Зам Другой", Administration, Role.DeputyHead, [Finance]),
        ["controller"] = new(7, "Контролёр", Administration, Role.Controller, []),
        ["admin"] = new(8, "Администратор", Administration, Role.Administrator, []),
        // The control department: its head and its specialist oversee everything (DESIGN.md), read-only outside it.
        ["controlHead"] = new(11, "Начальник Контроля", Control, Role.DepartmentHead, []) { InControlDepartment = true },
        ["controlClerk"] = new(12, "Специалист Контроля", Control, Role.Employee, []) { InControlDepartment = true },
    };

    /// <summary>An order authored by roadsHead for Housing, brought to <paramref name="status"/> through its own methods.</summary>
    public static Order InStatus(OrderStatus status) => InStatus(status, author: 1, issuing: Roads, executing: Housing);

    /// <summary>
    /// An order otherDeputy issues from the administration (both deputy heads belong to it) to Finance, which
    /// she supervises and the other deputy head does not.
    /// </summary>
    public static Order FromOtherDeputy(OrderStatus status) => InStatus(status, author: 9, issuing: Administration, executing: Finance);

    /// <summary>An order the control department's head issues to Roads (the control department's own business).</summary>
    public static Order FromControl(OrderStatus status) => InStatus(status, author: 11, issuing: Control, executing: Roads);

    /// <summary>
    /// A sub-order housingHead splits off <paramref name="parent"/> (Roads → Housing) to Finance: roadsHead, the parent's
    /// author, takes no part in it and sees it only through the parent.
    /// </summary>
    public static Order SubOrderOf(Order parent, OrderStatus status) => InStatus(status, author: 3, issuing: Housing, executing: Finance, parent);

    /// <summary>An order like <see cref="InStatus(OrderStatus)"/> whose controller is the control department's specialist (12).</summary>
    public static Order Controlled(OrderStatus status) => InStatus(status, author: 1, issuing: Roads, executing: Housing, controller: 12);

    private static Order InStatus(OrderStatus status, int author, int issuing, int executing, Order? parent = null, int? controller = null)
    {
        // On control, with no controller: the control rows then have something to take off.
        var order = Order.Create(new OrderDraft("Заголовок", "Текст", executing, Priority.Normal, Now.AddDays(5), OnControl: true,
            ControllerId: controller), author, issuing, Now, parent);
        var t = Now;
        DateTime Next() => t = t.AddMinutes(10);
        if (status == OrderStatus.Draft) return order;
        if (status == OrderStatus.Cancelled) { order.Cancel(1, Next(), "Не нужно"); return order; }
        order.Send(1, Next());
        if (status == OrderStatus.New) return order;
        if (status == OrderStatus.Declined) { order.Decline(3, Next(), "Не наша компетенция"); return order; }
        order.Accept(3, Next());
        order.Assign(3, Next(), 4);
        if (status == OrderStatus.InProgress) return order;
        order.Submit(4, Next(), "Готово");
        if (status == OrderStatus.OnReview) return order;
        order.Approve(1, Next(), 5);
        return order;
    }
}
