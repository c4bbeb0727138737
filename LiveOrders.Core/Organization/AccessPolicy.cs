namespace LiveOrders.Core.Organization;

/// <summary>
/// Who may open what outside a single order: boards, the control panel, wall links, the
/// organisation. The one place that decides it (orders have <see cref="Orders.OrderPolicy"/>);
/// services enforce it, the UI asks it only to decide what to offer.
/// </summary>
public static class AccessPolicy
{
    /// <summary>A department's board: its own people, the deputy heads who supervise it, and control.</summary>
    public static bool CanOpenBoard(Actor actor, int departmentId) =>
        actor.DepartmentId == departmentId || actor.Supervises(departmentId) || actor.SeesEverything;

    /// <summary>The control panel: deputy heads over what they supervise, control and administrators over everything.</summary>
    public static bool CanUseControlPanel(Actor actor) =>
        actor.Role is Role.DeputyHead || actor.SeesEverything;

    /// <summary>Whether a department is on the actor's control panel (and so on their wall).</summary>
    public static bool OverseesOnPanel(Actor actor, int departmentId) =>
        actor.Role == Role.DeputyHead ? actor.SupervisedDepartmentIds.Contains(departmentId) : actor.SeesEverything;

    /// <summary>The reports page: whoever has the control panel (deputy heads, control, administrators).</summary>
    public static bool CanViewReports(Actor actor) => CanUseControlPanel(actor);

    /// <summary>Whether a department's figures are in the actor's reports: the same departments as on their control panel.</summary>
    public static bool ReportsCover(Actor actor, int departmentId) => CanViewReports(actor) && OverseesOnPanel(actor, departmentId);

    /// <summary>Issuing and revoking wall links.</summary>
    public static bool CanManageDisplays(Actor actor) => actor.Role == Role.Administrator;

    /// <summary>Whose panel a wall link shows: a deputy head's (a constant, so queries can use it).</summary>
    public const Role DisplayOwnerRole = Role.DeputyHead;

    /// <summary>
    /// Departments, people, accounts and the audit log. A person only: a system acting through a key or token never
    /// administers, whoever it acts as.
    /// </summary>
    public static bool CanManageOrganization(Actor actor) => actor.Role == Role.Administrator && actor.Integration is null;

    /// <summary>Issuing and revoking API keys: an administrator signed in herself, like the rest of the administration.</summary>
    public static bool CanManageApiKeys(Actor actor) => CanManageOrganization(actor);

    /// <summary>
    /// The audit log (every change, sign-in and failed sign-in): administrators and control (controllers and everyone in the
    /// control department), never through an API key.
    /// </summary>
    public static bool CanViewAudit(Actor actor) =>
        (actor.Role is Role.Administrator or Role.Controller || actor.InControlDepartment) && actor.Integration is null;
    public static bool CanManageWebhooks(Actor actor) => CanManageOrganization(actor);
}
