using LiveOrders.Core.Orders;

namespace LiveOrders.Web.Components.Orders;

/// <summary>What the «department» list is called, in the menu and on the page alike: it says what the list holds.</summary>
public static class DepartmentListText
{
    public static string Heading(this DepartmentList list) => list switch
    {
        DepartmentList.Everything => "Все поручения",
        DepartmentList.Supervised => "Поручения курируемых подразделений",
        _ => "Поручения отдела",
    };

    public static string Subtitle(this DepartmentList list) => list switch
    {
        DepartmentList.Everything => "Все поручения администрации: их исполняют и выдают все подразделения.",
        DepartmentList.Supervised => "Поручения, которые исполняют курируемые вами подразделения или выдало ваше подразделение.",
        _ => "Поручения, которые исполняет или выдало ваше подразделение.",
    };
}
