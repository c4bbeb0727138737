using LiveOrders.Core.Organization;
using LiveOrders.Core.Organization.Import;

namespace LiveOrders.Web.Infrastructure;

/// <summary>The import template, built on the fly so that it always has the columns the import reads. Administrators only.</summary>
public static class ImportTemplateEndpoint
{
    public const string Path = "/admin/import/template";

    public static void MapImportTemplate(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (ActorDirectory directory, HttpContext http) =>
            await directory.FindAsync(http.User, http.RequestAborted) is { } actor && AccessPolicy.CanManageOrganization(actor)
                ? Results.File(StructureTemplate.Build(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", StructureTemplate.FileName)
                : Results.Problem(title: StructureImport.Refused, statusCode: StatusCodes.Status403Forbidden))
            .RequireAuthorization();
}
