using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveOrders.Core.Data.Migrations;

/// <summary>
/// The first schema. EF's design-time tools are not in the package feed (docs/decisions/001),
/// so this migration was written once from the model's create script and is frozen from now on;
/// later migrations are written by hand with <see cref="MigrationBuilder"/>. The schema test in
/// LiveOrders.Tests fails whenever model and migrations disagree.
/// </summary>
[DbContext(typeof(LiveOrdersDbContext))]
[Migration("20261125000001_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE "AspNetRoles" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
                "Name" TEXT NULL,
                "NormalizedName" TEXT NULL,
                "ConcurrencyStamp" TEXT NULL
            );

            CREATE TABLE "AspNetUsers" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
                "UserName" TEXT NULL,
                "NormalizedUserName" TEXT NULL,
                "Email" TEXT NULL,
                "NormalizedEmail" TEXT NULL,
                "EmailConfirmed" INTEGER NOT NULL,
                "PasswordHash" TEXT NULL,
                "SecurityStamp" TEXT NULL,
                "ConcurrencyStamp" TEXT NULL,
                "PhoneNumber" TEXT NULL,
                "PhoneNumberConfirmed" INTEGER NOT NULL,
                "TwoFactorEnabled" INTEGER NOT NULL,
                "LockoutEnd" TEXT NULL,
                "LockoutEnabled" INTEGER NOT NULL,
                "AccessFailedCount" INTEGER NOT NULL
            );

            CREATE TABLE "NumberSequences" (
                "Year" INTEGER NOT NULL CONSTRAINT "PK_NumberSequences" PRIMARY KEY,
                "Last" INTEGER NOT NULL
            );

            CREATE TABLE "AspNetRoleClaims" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
                "RoleId" TEXT NOT NULL,
                "ClaimType" TEXT NULL,
                "ClaimValue" TEXT NULL,
                CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
            );

            CREATE TABLE "AspNetUserClaims" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
                "UserId" TEXT NOT NULL,
                "ClaimType" TEXT NULL,
                "ClaimValue" TEXT NULL,
                CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            );

            CREATE TABLE "AspNetUserLogins" (
                "LoginProvider" TEXT NOT NULL,
                "ProviderKey" TEXT NOT NULL,
                "ProviderDisplayName" TEXT NULL,
                "UserId" TEXT NOT NULL,
                CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
                CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            );

            CREATE TABLE "AspNetUserRoles" (
                "UserId" TEXT NOT NULL,
                "RoleId" TEXT NOT NULL,
                CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
                CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            );

            CREATE TABLE "AspNetUserTokens" (
                "UserId" TEXT NOT NULL,
                "LoginProvider" TEXT NOT NULL,
                "Name" TEXT NOT NULL,
                "Value" TEXT NULL,
                CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
                CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
            );

            CREATE TABLE "Departments" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Departments" PRIMARY KEY AUTOINCREMENT,
                "Name" TEXT NOT NULL,
                "ShortName" TEXT NOT NULL,
                "ParentId" INTEGER NULL,
                "CuratorId" INTEGER NULL,
                "IsActive" INTEGER NOT NULL,
                CONSTRAINT "FK_Departments_Departments_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Departments" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_Departments_Employees_CuratorId" FOREIGN KEY ("CuratorId") REFERENCES "Employees" ("Id") ON DELETE SET NULL
            );

            CREATE TABLE "Employees" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Employees" PRIMARY KEY AUTOINCREMENT,
                "FullName" TEXT NOT NULL,
                "Position" TEXT NOT NULL,
                "DepartmentId" INTEGER NOT NULL,
                "Role" TEXT NOT NULL,
                "Email" TEXT NULL,
                "UserId" TEXT NULL,
                "IsActive" INTEGER NOT NULL,
                CONSTRAINT "FK_Employees_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
                CONSTRAINT "FK_Employees_Departments_DepartmentId" FOREIGN KEY ("DepartmentId") REFERENCES "Departments" ("Id") ON DELETE RESTRICT
            );

            CREATE TABLE "Orders" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Orders" PRIMARY KEY AUTOINCREMENT,
                "Number" TEXT NOT NULL,
                "Title" TEXT NOT NULL,
                "Text" TEXT NOT NULL,
                "AuthorId" INTEGER NOT NULL,
                "IssuingDepartmentId" INTEGER NOT NULL,
                "ExecutingDepartmentId" INTEGER NOT NULL,
                "ResponsibleId" INTEGER NULL,
                "Priority" TEXT NOT NULL,
                "DueAt" TEXT NOT NULL,
                "OnControl" INTEGER NOT NULL,
                "ParentId" INTEGER NULL,
                "Status" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                "SentAt" TEXT NULL,
                "AcceptedAt" TEXT NULL,
                "SubmittedAt" TEXT NULL,
                "CompletedAt" TEXT NULL,
                "QualityMark" INTEGER NULL,
                "ForwardCount" INTEGER NOT NULL,
                "OverdueRecordedAt" TEXT NULL,
                "RequestedDueAt" TEXT NULL,
                "ExtensionReason" TEXT NULL,
                "ExtensionRequestedById" INTEGER NULL,
                "Version" INTEGER NOT NULL,
                "SearchKey" TEXT NOT NULL,
                CONSTRAINT "FK_Orders_Departments_ExecutingDepartmentId" FOREIGN KEY ("ExecutingDepartmentId") REFERENCES "Departments" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_Orders_Departments_IssuingDepartmentId" FOREIGN KEY ("IssuingDepartmentId") REFERENCES "Departments" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_Orders_Employees_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "Employees" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_Orders_Employees_ExtensionRequestedById" FOREIGN KEY ("ExtensionRequestedById") REFERENCES "Employees" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_Orders_Employees_ResponsibleId" FOREIGN KEY ("ResponsibleId") REFERENCES "Employees" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_Orders_Orders_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Orders" ("Id") ON DELETE RESTRICT
            );

            CREATE TABLE "OrderCoExecutors" (
                "OrderId" INTEGER NOT NULL,
                "EmployeeId" INTEGER NOT NULL,
                CONSTRAINT "PK_OrderCoExecutors" PRIMARY KEY ("OrderId", "EmployeeId"),
                CONSTRAINT "FK_OrderCoExecutors_Employees_EmployeeId" FOREIGN KEY ("EmployeeId") REFERENCES "Employees" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_OrderCoExecutors_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
            );

            CREATE TABLE "OrderComments" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_OrderComments" PRIMARY KEY AUTOINCREMENT,
                "OrderId" INTEGER NOT NULL,
                "AuthorId" INTEGER NOT NULL,
                "Text" TEXT NOT NULL,
                "CreatedAt" TEXT NOT NULL,
                CONSTRAINT "FK_OrderComments_Employees_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "Employees" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_OrderComments_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
            );

            CREATE TABLE "OrderEvents" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_OrderEvents" PRIMARY KEY AUTOINCREMENT,
                "OrderId" INTEGER NOT NULL,
                "Kind" TEXT NOT NULL,
                "ActorId" INTEGER NULL,
                "At" TEXT NOT NULL,
                "Reason" TEXT NULL,
                "FromDepartmentId" INTEGER NULL,
                "ToDepartmentId" INTEGER NULL,
                "EmployeeId" INTEGER NULL,
                "DueAt" TEXT NULL,
                "Mark" INTEGER NULL,
                CONSTRAINT "FK_OrderEvents_Employees_ActorId" FOREIGN KEY ("ActorId") REFERENCES "Employees" ("Id") ON DELETE RESTRICT,
                CONSTRAINT "FK_OrderEvents_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
            );

            CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

            CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

            CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

            CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

            CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

            CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

            CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

            CREATE INDEX "IX_Departments_CuratorId" ON "Departments" ("CuratorId");

            CREATE UNIQUE INDEX "IX_Departments_Name" ON "Departments" ("Name");

            CREATE INDEX "IX_Departments_ParentId" ON "Departments" ("ParentId");

            CREATE INDEX "IX_Employees_DepartmentId" ON "Employees" ("DepartmentId");

            CREATE UNIQUE INDEX "IX_Employees_UserId" ON "Employees" ("UserId");

            CREATE INDEX "IX_OrderCoExecutors_EmployeeId" ON "OrderCoExecutors" ("EmployeeId");

            CREATE INDEX "IX_OrderComments_AuthorId" ON "OrderComments" ("AuthorId");

            CREATE INDEX "IX_OrderComments_OrderId_CreatedAt" ON "OrderComments" ("OrderId", "CreatedAt");

            CREATE INDEX "IX_OrderEvents_ActorId" ON "OrderEvents" ("ActorId");

            CREATE INDEX "IX_OrderEvents_OrderId_At" ON "OrderEvents" ("OrderId", "At");

            CREATE INDEX "IX_Orders_AuthorId" ON "Orders" ("AuthorId");

            CREATE INDEX "IX_Orders_ExecutingDepartmentId_Status_DueAt" ON "Orders" ("ExecutingDepartmentId", "Status", "DueAt");

            CREATE INDEX "IX_Orders_ExtensionRequestedById" ON "Orders" ("ExtensionRequestedById");

            CREATE INDEX "IX_Orders_IssuingDepartmentId_Status" ON "Orders" ("IssuingDepartmentId", "Status");

            CREATE UNIQUE INDEX "IX_Orders_Number" ON "Orders" ("Number");

            CREATE INDEX "IX_Orders_ParentId" ON "Orders" ("ParentId");

            CREATE INDEX "IX_Orders_ResponsibleId" ON "Orders" ("ResponsibleId");
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("The initial schema is not rolled back: restore the database from a backup instead.");
}
