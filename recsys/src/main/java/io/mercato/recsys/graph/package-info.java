/**
 * Graph-based recommenders: random walks on the bipartite user-item graph ({@link io.mercato.recsys.graph.Rp3Beta}).
 */
package io.mercato.recsys.graph;
