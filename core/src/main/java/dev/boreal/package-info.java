/** The error types shared by every Boreal module; they sit in the lowest module so all can throw them. */
package dev.boreal;
