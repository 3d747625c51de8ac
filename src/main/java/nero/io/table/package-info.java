/** Tables written as CSV (RFC 4180, formulas defused), one writer for every command. */
package nero.io.table;
