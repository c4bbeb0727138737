using System.Linq.Expressions;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;

namespace LiveOrders.Core.Templates;

/// <summary>
/// Who may use which template, in one place. A template belongs to its author's department: everyone in that
/// department sees it and issues orders from it, and so does its author after moving elsewhere. Its author and the
/// head of that department change it, delete it and set its schedule. Only people who may issue orders use templates
/// (not read-only roles, not systems acting through a key).
/// </summary>
public static class TemplatePolicy
{
    public const string NotFoundMessage = "Шаблон не найден или у вас нет к нему доступа.";
    public const string ReadOnlyMessage = "Шаблоны доступны тем, кто выдаёт поручения.";
    public const string EditRefusal = "Изменять шаблон могут его автор и начальник подразделения, которому он принадлежит.";

    public static bool CanUse(Actor actor) => OrderPolicy.CanCreate(actor) && actor.Integration is null;

    public static Expression<Func<OrderTemplate, bool>> VisibleTo(Actor actor)
    {
        var me = actor.EmployeeId;
        var department = actor.DepartmentId;
        return t => t.AuthorId == me || t.DepartmentId == department;
    }

    public static bool CanView(Actor actor, OrderTemplate template) => CanView(actor, template.AuthorId, template.DepartmentId);

    /// <summary>Whether a change to a template (of this author and department) is news to <paramref name="actor"/>.</summary>
    public static bool CanView(Actor actor, TemplateChanged change) => CanView(actor, change.AuthorId, change.DepartmentId);

    private static bool CanView(Actor actor, int authorId, int departmentId) =>
        CanUse(actor) && (authorId == actor.EmployeeId || departmentId == actor.DepartmentId);

    public static bool CanEdit(Actor actor, OrderTemplate template) =>
        CanView(actor, template) && (template.AuthorId == actor.EmployeeId || actor.IsHeadOf(template.DepartmentId));
}
