// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RawLog} from "./RawLog.sol";

/// Emits initiating messages: any log is one, so the caller chooses every topic and the data.
contract Emitter {
    error LengthMismatch(uint256 topicSets, uint256 dataItems);

    function emitLog(bytes32[] calldata topics, bytes calldata data) external {
        RawLog.emitLog(topics, data);
    }

    /// One log per element: topics[i] with data[i].
    function emitLogs(bytes32[][] calldata topics, bytes[] calldata data) external {
        if (topics.length != data.length) revert LengthMismatch(topics.length, data.length);
        for (uint256 i = 0; i < topics.length; i++) {
            RawLog.emitLog(topics[i], data[i]);
        }
    }
}
