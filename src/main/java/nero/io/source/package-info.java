/** Paths, folders, file lists and ImageFolder trees become items to score: the one way into {@code io}. */
package nero.io.source;
