/** A scoring service's use of Boreal through the BOM and the boreal-scoring artifact. */
package example;
