import Testing

@testable import Storage

@Suite struct SQLScriptTests {
    @Test func splitsAtTopLevelSemicolonsOnly() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (x text DEFAULT 'semi;colon', "odd;name" int);
            /* block; /* nested; */ still comment; */
            INSERT INTO a VALUES ('it''s; fine', 1);
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; RETURN NULL; END $$;
            DO $body$ BEGIN RAISE NOTICE 'x;y'; END $body$;
            SELECT $1::int;
            -- trailing comment only
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 5)
        #expect(statements[0].hasSuffix("\"odd;name\" int)"))
        #expect(statements[1].contains("'it''s; fine'"))
        #expect(statements[2].hasSuffix("END $$"))
        #expect(statements[3].hasPrefix("DO $body$") && statements[3].hasSuffix("END $body$"))
        #expect(statements[4] == "SELECT $1::int")
    }

    @Test func theKernelMigrationSplitsIntoItsStatements() {
        let statements = SQLScript.statements(Migration.kernel[0].sql)
        #expect(statements.count == 7)
        #expect(statements.allSatisfy { !$0.hasSuffix(";") })
        #expect(statements.filter { $0.contains("CREATE FUNCTION") }.count == 1)
    }
}
