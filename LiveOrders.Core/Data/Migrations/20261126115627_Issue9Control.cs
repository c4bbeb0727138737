using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveOrders.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue9Control : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ControllerId",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TakenOffControlAt",
                table: "Orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ControllerId",
                table: "Orders",
                column: "ControllerId");

            migrationBuilder.AddForeignKey(
                name: "FK_Orders_Employees_ControllerId",
                table: "Orders",
                column: "ControllerId",
                principalTable: "Employees",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Orders_Employees_ControllerId",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_ControllerId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ControllerId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "TakenOffControlAt",
                table: "Orders");
        }
    }
}
