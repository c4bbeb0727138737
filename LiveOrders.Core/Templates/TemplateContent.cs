using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Templates;

/// <summary>What a template keeps of an order: everything but the due date, which a term gives anew each time.</summary>
public sealed record TemplateContent(string? Title, string? Text, IReadOnlyList<int> DepartmentIds, Priority Priority, Term Term);
